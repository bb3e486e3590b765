package io.bluegreen.activities.itential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.connections.HttpCalls;
import io.bluegreen.workflows.model.WorkerSwitch;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Itential Platform's Workflow Engine API for the two workers a blue-green cutover moves: the job
 * worker ({@code startJobs}: {@code POST /workflow_engine/jobWorker/activate|deactivate}) and the
 * task worker ({@code POST /workflow_engine/activate|deactivate}), and their state from {@code GET
 * /workflow_engine/workers/status}.
 */
public final class WorkflowEngineApi {
  public enum Worker {
    JOB("jobWorker", "/workflow_engine/jobWorker/"),
    TASK("taskWorker", "/workflow_engine/");

    public final String statusKey;
    final String pathPrefix;

    Worker(String statusKey, String pathPrefix) {
      this.statusKey = statusKey;
      this.pathPrefix = pathPrefix;
    }

    /** The cutover's switch names: startJobs is the job worker, taskWorker the task worker. */
    public static Worker forSwitch(WorkerSwitch switchName) {
      return switchName == WorkerSwitch.START_JOBS ? JOB : TASK;
    }
  }

  /**
   * One worker as {@code GET /workflow_engine/workers/status} reports it on 2023.1+: {@code
   * running} (now), {@code clusterValue}/{@code localValue} (the switch as set for the cluster and
   * for this node) and {@code startupValue} (whether it starts when the platform starts: 2023.x's
   * processJobsOnStart/processTasksOnStart, Platform 6's job_worker_enabled/task_worker_enabled). A
   * field the platform did not report is null.
   */
  public record WorkerStatus(
      Boolean running, Boolean clusterValue, Boolean localValue, Boolean startupValue) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ItentialApiSession session;

  /** The API of the connection so named in the worker configuration. */
  public static WorkflowEngineApi of(Connections connections, String name) {
    return new WorkflowEngineApi(ItentialApiSession.of(connections, name));
  }

  private WorkflowEngineApi(ItentialApiSession session) {
    this.session = session;
  }

  public void set(Worker worker, boolean on) {
    session.call(
        worker.pathPrefix + (on ? "activate" : "deactivate"),
        b ->
            b.POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json"),
        (on ? "activate " : "deactivate ")
            + worker.statusKey
            + " through API '"
            + session.connection()
            + "'");
  }

  /** Whether the worker runs, as the status endpoint reports it; null when it does not say. */
  public Boolean running(Worker worker) {
    return status(worker).running();
  }

  /** The worker's entry of the status endpoint. */
  public WorkerStatus status(Worker worker) {
    JsonNode root =
        json(
            session
                .call(
                    "/workflow_engine/workers/status",
                    HttpRequest.Builder::GET,
                    "read workers status through API '" + session.connection() + "'")
                .body(),
            "workers status");
    JsonNode entry = entry(root, worker.statusKey);
    return new WorkerStatus(
        state(root, worker.statusKey),
        flag(entry, "clusterValue"),
        flag(entry, "localValue"),
        flag(entry, "startupValue"));
  }

  /**
   * The release the platform reports at {@code GET /health/server} ({@code release}, else {@code
   * version}); null when it reports neither. Asked without credentials first, as the health
   * endpoints are commonly open, then with them.
   */
  String release() {
    String what = "read the release through API '" + session.connection() + "'";
    HttpResponse<String> r = session.callOpen("/health/server", what);
    if (r.statusCode() == 401 || r.statusCode() == 403) {
      r = session.call("/health/server", HttpRequest.Builder::GET, what);
    }
    if (r.statusCode() == 404) {
      return null;
    }
    JsonNode root =
        json(
            HttpCalls.check(
                    r,
                    what,
                    "check the credentials of API connection '" + session.connection() + "'")
                .body(),
            "/health/server");
    for (String field : new String[] {"release", "version"}) {
      JsonNode v = root.findValue(field);
      if (v != null && v.isTextual() && !v.asText().isBlank()) {
        return v.asText().trim();
      }
    }
    return null;
  }

  private JsonNode json(String body, String what) {
    try {
      return JSON.readTree(body == null ? "" : body);
    } catch (IOException e) {
      throw new IllegalStateException(
          "API '"
              + session.connection()
              + "' answered "
              + what
              + " with something other than JSON");
    }
  }

  private static Boolean flag(JsonNode entry, String field) {
    return entry != null && entry.has(field) && entry.get(field).isBoolean()
        ? entry.get(field).booleanValue()
        : null;
  }

  /** The worker's entry (any letter case, nested anywhere), or null. */
  static JsonNode entry(JsonNode node, String key) {
    if (node == null || !node.isContainerNode()) {
      return null;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    for (JsonNode child : node) {
      JsonNode found = entry(child, key);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * Finds the worker's entry by name (any letter case, nested anywhere) and reads it as a boolean,
   * or as an object with {@code running}, {@code active}, {@code enabled} or a {@code state}/{@code
   * status} word, since platform releases word it differently.
   */
  static Boolean state(JsonNode node, String key) {
    if (node == null || !node.isContainerNode()) {
      return null;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(key)) {
        return asState(e.getValue());
      }
    }
    for (JsonNode child : node) {
      Boolean found = state(child, key);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static Boolean asState(JsonNode v) {
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual()) {
      return word(v.asText());
    }
    for (String field : new String[] {"running", "active", "enabled"}) {
      if (v.has(field) && v.get(field).isBoolean()) {
        return v.get(field).booleanValue();
      }
    }
    for (String field : new String[] {"state", "status"}) {
      if (v.has(field) && v.get(field).isTextual()) {
        return word(v.get(field).asText());
      }
    }
    return null;
  }

  private static Boolean word(String s) {
    String w = s.toLowerCase(Locale.ROOT);
    if (w.equals("running")
        || w.equals("active")
        || w.equals("enabled")
        || w.equals("started")
        || w.equals("on")) {
      return true;
    }
    if (w.equals("stopped")
        || w.equals("inactive")
        || w.equals("disabled")
        || w.equals("off")
        || w.equals("paused")) {
      return false;
    }
    return null;
  }
}
