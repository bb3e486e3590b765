package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;

/** Whether Blue drained, and how many jobs were still running at the end. */
public record DrainResult(
    @JsonProperty("drained") boolean drained, @JsonProperty("runningJobs") long runningJobs) {}
