package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The two switches of a platform's workers: {@code startJobs} (it starts new jobs) and {@code
 * taskWorker} (it runs tasks).
 */
public enum WorkerSwitch {
  START_JOBS("startJobs"),
  TASK_WORKER("taskWorker");

  private final String wire;

  WorkerSwitch(String wire) {
    this.wire = wire;
  }

  /** As written in JSON and the status. */
  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static WorkerSwitch of(String wire) {
    for (WorkerSwitch s : values()) {
      if (s.wire.equals(wire)) {
        return s;
      }
    }
    throw new IllegalArgumentException("switch '" + wire + "' is not one of startJobs, taskWorker");
  }

  /** The dotted path of this switch in a profile, as the request's {@code switches} name it. */
  public String path(Switches switches) {
    return this == START_JOBS ? switches.startJobs() : switches.taskWorker();
  }

  @Override
  public String toString() {
    return wire;
  }
}
