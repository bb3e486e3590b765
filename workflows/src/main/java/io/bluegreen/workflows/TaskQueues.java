package io.bluegreen.workflows;

/**
 * The task queue names, shared by the worker and every client. Switches, the traffic key, the
 * webhook, the drain and the health gate run on a queue of their own beside the main one, so a
 * 30-second switch of a cutover or a restore never waits for a slot behind hour-long copies.
 */
public final class TaskQueues {
  public static final String BLUE_GREEN = "blue-green";
  static final String CUTOVER_SUFFIX = "-cutover";

  private TaskQueues() {}

  /**
   * The cutover queue that belongs to a workflow task queue ({@code blue-green-cutover} for the
   * default).
   */
  public static String cutover(String workflowTaskQueue) {
    return workflowTaskQueue + CUTOVER_SUFFIX;
  }
}
