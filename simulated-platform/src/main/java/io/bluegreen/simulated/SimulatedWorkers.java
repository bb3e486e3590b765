package io.bluegreen.simulated;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * The simulated platform's Workflow Engine workers: the job worker ({@code POST
 * /workflow_engine/jobWorker/activate|deactivate}) and the task worker ({@code POST
 * /workflow_engine/activate|deactivate}), and their status ({@code GET
 * /workflow_engine/workers/status}: {@code running, clusterValue, localValue, startupValue}). A
 * test can make the switches fail with a status, or be accepted and not take.
 */
final class SimulatedWorkers {
  volatile boolean jobStartup;
  volatile boolean taskStartup;
  volatile boolean jobWorker = true;
  volatile boolean taskWorker = true;
  volatile int switchStatus = 200;

  /**
   * When true, activations are accepted but the status keeps the old state (a switch that did not
   * take).
   */
  volatile boolean ignoreSwitches;

  /** Answers a workers call; false when the path is not one of them. */
  boolean handle(HttpExchange ex, String method, String path, Consumer<String> say)
      throws IOException {
    if (path.equals("/workflow_engine/workers/status") && method.equals("GET")) {
      SimulatedItentialApi.reply(
          ex,
          200,
          "{\"jobWorker\": "
              + worker(jobWorker, jobStartup)
              + ", \"taskWorker\": "
              + worker(taskWorker, taskStartup)
              + "}");
      return true;
    }
    Boolean on =
        path.endsWith("/activate")
            ? Boolean.TRUE
            : path.endsWith("/deactivate") ? Boolean.FALSE : null;
    if (on == null || !method.equals("POST") || !path.startsWith("/workflow_engine/")) {
      return false;
    }
    if (switchStatus != 200) {
      SimulatedItentialApi.reply(ex, switchStatus, "{\"message\": \"failing on purpose\"}");
      return true;
    }
    if (!ignoreSwitches) {
      if (path.startsWith("/workflow_engine/jobWorker/")) {
        jobWorker = on;
      } else {
        taskWorker = on;
      }
    }
    say.accept(
        "POST "
            + path
            + ": "
            + (path.contains("jobWorker") ? "job worker " : "task worker ")
            + (on ? "running" : "stopped"));
    SimulatedItentialApi.reply(ex, 200, "{\"status\": \"ok\"}");
    return true;
  }

  private static String worker(boolean running, boolean startup) {
    return "{\"running\": "
        + running
        + ", \"clusterValue\": "
        + running
        + ", \"localValue\": "
        + running
        + ", \"startupValue\": "
        + startup
        + "}";
  }
}
