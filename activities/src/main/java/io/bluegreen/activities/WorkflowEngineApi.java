package io.bluegreen.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Itential Platform's Workflow Engine API for the two workers a blue-green cutover moves: the job
 * worker ({@code startJobs}: {@code POST /workflow_engine/jobWorker/activate|deactivate}) and the
 * task worker ({@code POST /workflow_engine/activate|deactivate}), and their state from {@code GET
 * /workflow_engine/workers/status}.
 */
final class WorkflowEngineApi {
  enum Worker {
    JOB("jobWorker", "/workflow_engine/jobWorker/"),
    TASK("taskWorker", "/workflow_engine/");

    final String statusKey;
    final String pathPrefix;

    Worker(String statusKey, String pathPrefix) {
      this.statusKey = statusKey;
      this.pathPrefix = pathPrefix;
    }

    /** The cutover's switch names: startJobs is the job worker, taskWorker the task worker. */
    static Worker forSwitch(String switchName) {
      return switchName.equals("startJobs") ? JOB : TASK;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String connection;
  private final ApiEndpoint endpoint;
  private final HttpCalls http;

  /** The API of the connection so named in the worker configuration. */
  static WorkflowEngineApi of(Connections connections, String name) {
    return new WorkflowEngineApi(name, connections.api(name), connections.http(name));
  }

  private WorkflowEngineApi(String connection, ApiEndpoint endpoint, HttpCalls http) {
    this.connection = connection;
    this.endpoint = endpoint;
    this.http = http;
  }

  void set(Worker worker, boolean on) {
    http.expectSuccess(request(worker.pathPrefix + (on ? "activate" : "deactivate"))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"),
        (on ? "activate " : "deactivate ") + worker.statusKey + " through API '" + connection + "'",
        "check the token of API connection '" + connection + "' in the worker configuration");
  }

  /** Whether the worker runs, as the status endpoint reports it; null when it does not say. */
  Boolean running(Worker worker) {
    String body = http.expectSuccess(request("/workflow_engine/workers/status").GET(),
        "read workers status through API '" + connection + "'",
        "check the token of API connection '" + connection + "' in the worker configuration").body();
    try {
      return state(JSON.readTree(body), worker.statusKey);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("API '" + connection + "' answered workers status with something other than JSON");
    }
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
    if (w.equals("running") || w.equals("active") || w.equals("enabled") || w.equals("started") || w.equals("on")) {
      return true;
    }
    if (w.equals("stopped") || w.equals("inactive") || w.equals("disabled") || w.equals("off") || w.equals("paused")) {
      return false;
    }
    return null;
  }

  private HttpRequest.Builder request(String path) {
    String base = endpoint.baseUrl().toString().replaceAll("/+$", "");
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
    if (endpoint.token() != null && !endpoint.token().isEmpty()) {
      b.header("Authorization", "Bearer " + endpoint.token());
    }
    return b;
  }
}
