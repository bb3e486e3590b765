package io.bluegreen.starter;

import io.bluegreen.workflows.activities.CopyCheckpoint;
import io.bluegreen.workflows.model.DeploymentStatus;
import java.util.Map;

/**
 * What the CLI shows for one deployment: the workflow's status, the live checkpoints of copies
 * still running (the status only counts finished copies), the Temporal execution status, and a note
 * when the data did not come from a live query.
 */
public record StatusView(
    String workflowId,
    String executionStatus,
    DeploymentStatus status,
    Map<String, CopyCheckpoint> liveCopies,
    String note) {

  /**
   * Documents copied so far for a collection: the running copy's checkpoint if it is ahead; for a
   * collection copied in {@code _id} ranges, the finished ranges (the status) plus the running
   * ones.
   */
  public long copied(String collection, long fromStatus) {
    CopyCheckpoint c = liveCopies == null ? null : liveCopies.get(collection);
    if (c == null) {
      return fromStatus;
    }
    return c.range() != null ? fromStatus + c.copied() : Math.max(fromStatus, c.copied());
  }

  public boolean copying(String collection) {
    return liveCopies != null && liveCopies.containsKey(collection);
  }
}
