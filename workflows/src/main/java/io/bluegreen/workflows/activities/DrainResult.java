package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.BlueJobs;

/**
 * Whether Blue drained, how many jobs were still running at the end, and every job of Blue's that
 * was neither complete nor canceled at the end, by status ({@code jobs}: absent in results of
 * workers from before it was reported).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DrainResult(
    @JsonProperty("drained") boolean drained,
    @JsonProperty("runningJobs") long runningJobs,
    @JsonProperty("jobs") BlueJobs jobs) {

  public DrainResult(boolean drained, long runningJobs) {
    this(drained, runningJobs, null);
  }
}
