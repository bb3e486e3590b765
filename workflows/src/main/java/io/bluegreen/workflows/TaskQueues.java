package io.bluegreen.workflows;

/** The one task queue name, shared by the worker and every client. */
public final class TaskQueues {
  public static final String BLUE_GREEN = "blue-green";

  private TaskQueues() {}
}
