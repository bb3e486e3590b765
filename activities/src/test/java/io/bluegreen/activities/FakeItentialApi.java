package io.bluegreen.activities;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A small local stand-in for one Itential Platform's HTTP API, since no real platform runs here:
 * the Workflow Engine worker switches and status, a health endpoint and a traffic webhook. It
 * records every call, and a test can make it refuse the token, fail, or turn unhealthy.
 */
public final class FakeItentialApi implements AutoCloseable {
  /** One request as received: method, path, whether it carried the expected token, body, key. */
  public record Call(String method, String path, boolean authorized, String body, String idempotencyKey) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private final HttpServer server;
  private final String token;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile boolean jobWorker = true;
  private volatile boolean taskWorker = true;
  private volatile int healthStatus = 200;
  private final java.util.ArrayDeque<Integer> healthScript = new java.util.ArrayDeque<>();
  private volatile int switchStatus = 200;
  /** When true, activations are accepted but the status keeps the old state (a switch that did not take). */
  private volatile boolean ignoreSwitches;

  private final java.util.concurrent.atomic.AtomicInteger webhookFailures = new java.util.concurrent.atomic.AtomicInteger();

  public FakeItentialApi(String token) throws IOException {
    this.token = token;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public String healthUrl() {
    return baseUrl() + "/health";
  }

  public String webhookUrl() {
    return baseUrl() + "/traffic";
  }

  public List<Call> calls() {
    return new ArrayList<>(calls);
  }

  public boolean jobWorker() {
    return jobWorker;
  }

  public boolean taskWorker() {
    return taskWorker;
  }

  public void setWorkers(boolean job, boolean task) {
    jobWorker = job;
    taskWorker = task;
  }

  /** The next {@code n} webhook calls answer 503, as a receiver that is briefly down. */
  public void failWebhook(int n) {
    webhookFailures.set(n);
  }

  /**
   * The health endpoint answers these statuses, one per call, then keeps the last one: a scripted
   * sequence makes a watch's outcome depend on the calls it made, not on how fast it made them.
   */
  public void healthScript(int... statuses) {
    synchronized (healthScript) {
      healthScript.clear();
      for (int i = 0; i < statuses.length - 1; i++) {
        healthScript.add(statuses[i]);
      }
    }
    healthStatus = statuses[statuses.length - 1];
  }

  private int nextHealthStatus() {
    synchronized (healthScript) {
      return healthScript.isEmpty() ? healthStatus : healthScript.removeFirst();
    }
  }

  public void healthStatus(int status) {
    synchronized (healthScript) {
      healthScript.clear();
    }
    healthStatus = status;
  }

  public void switchStatus(int status) {
    switchStatus = status;
  }

  public void ignoreSwitches(boolean ignore) {
    ignoreSwitches = ignore;
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = ex.getRequestURI().getPath();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    boolean authorized = token == null || ("Bearer " + token).equals(auth);
    calls.add(new Call(ex.getRequestMethod(), path, authorized, body, ex.getRequestHeaders().getFirst("Idempotency-Key")));
    if (path.equals("/health")) {
      int status = nextHealthStatus();
      reply(ex, status, "{\"status\": \"" + (status == 200 ? "ok" : "failing") + "\"}");
      return;
    }
    if (path.equals("/traffic")) {
      reply(ex, webhookFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204, null);
      return;
    }
    if (!authorized) {
      reply(ex, 401, "{\"message\": \"invalid token\"}");
      return;
    }
    if (path.equals("/workflow_engine/workers/status") && ex.getRequestMethod().equals("GET")) {
      reply(ex, 200, "{\"jobWorker\": {\"running\": " + jobWorker + "}, \"taskWorker\": {\"running\": " + taskWorker + "}}");
      return;
    }
    Boolean on = path.endsWith("/activate") ? Boolean.TRUE : path.endsWith("/deactivate") ? Boolean.FALSE : null;
    if (on == null || !ex.getRequestMethod().equals("POST")) {
      reply(ex, 404, "{\"message\": \"not found\"}");
      return;
    }
    if (switchStatus != 200) {
      reply(ex, switchStatus, "{\"message\": \"failing on purpose\"}");
      return;
    }
    if (!ignoreSwitches) {
      if (path.startsWith("/workflow_engine/jobWorker/")) {
        jobWorker = on;
      } else {
        taskWorker = on;
      }
    }
    reply(ex, 200, "{\"status\": \"ok\"}");
  }

  private static void reply(HttpExchange ex, int status, String json) throws IOException {
    if (json == null) {
      ex.sendResponseHeaders(status, -1);
      ex.close();
      return;
    }
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
