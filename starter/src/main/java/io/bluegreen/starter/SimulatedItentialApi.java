package io.bluegreen.starter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A SIMULATED Itential Platform API for the demo — not a real platform: just enough of one
 * platform's HTTP API for bluegreen to read the release ({@code GET /health/server}), log in
 * ({@code POST /login}, the session token then taken as the {@code token} query parameter),
 * read the workers ({@code GET /workflow_engine/workers/status}, each as {@code {running,
 * clusterValue, localValue, startupValue}}) and switch them ({@code POST
 * /workflow_engine/jobWorker/activate|deactivate}, {@code POST /workflow_engine/activate|deactivate}).
 * Every call is reported to {@code log} as one line without the token.
 */
public final class SimulatedItentialApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final String release;
  private final String user;
  private final String password;
  private final Consumer<String> log;
  private final HttpServer server;
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private volatile boolean jobWorker;
  private volatile boolean taskWorker;

  /**
   * @param name how the log lines name it, e.g. "Blue"
   * @param release what {@code /health/server} reports, e.g. "2023.2.4" or "6.0.3"
   * @param running whether its workers run at first
   */
  public SimulatedItentialApi(String name, String release, String user, String password, boolean running,
      Consumer<String> log) throws IOException {
    this.name = name;
    this.release = release;
    this.user = user;
    this.password = password;
    this.log = log;
    this.jobWorker = running;
    this.taskWorker = running;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "simulated-itential-" + name);
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public boolean jobWorker() {
    return jobWorker;
  }

  public boolean taskWorker() {
    return taskWorker;
  }

  public String release() {
    return release;
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    if (path.equals("/login") && method.equals("POST")) {
      JsonNode u = parse(body).path("user");
      if (!u.path("username").asText().equals(user) || !u.path("password").asText().equals(password)) {
        say("POST /login refused");
        reply(ex, 401, "{\"message\": \"Invalid credentials\"}");
        return;
      }
      String token = UUID.randomUUID().toString();
      sessions.add(token);
      say("POST /login as " + user + ": session token issued");
      reply(ex, 200, token);
      return;
    }
    if (!sessions.contains(token(ex))) {
      say(method + " " + path + " refused: no session");
      reply(ex, 401, "{\"message\": \"Unauthorized\"}");
      return;
    }
    if (path.equals("/health/server") && method.equals("GET")) {
      say("GET /health/server: release " + release);
      reply(ex, 200, "{\"status\": \"running\", \"" + (release.startsWith("20") ? "release" : "version") + "\": \"" + release
          + "\", \"simulated\": true}");
      return;
    }
    if (path.equals("/workflow_engine/workers/status") && method.equals("GET")) {
      reply(ex, 200, "{\"jobWorker\": " + worker(jobWorker) + ", \"taskWorker\": " + worker(taskWorker) + "}");
      return;
    }
    Boolean on = path.endsWith("/activate") ? Boolean.TRUE : path.endsWith("/deactivate") ? Boolean.FALSE : null;
    if (on == null || !method.equals("POST")) {
      reply(ex, 404, "{\"message\": \"not found\"}");
      return;
    }
    if (path.startsWith("/workflow_engine/jobWorker/")) {
      jobWorker = on;
    } else {
      taskWorker = on;
    }
    say("POST " + path + ": " + (path.contains("jobWorker") ? "job worker " : "task worker ") + (on ? "running" : "stopped"));
    reply(ex, 200, "{\"status\": \"ok\"}");
  }

  private static String worker(boolean running) {
    return "{\"running\": " + running + ", \"clusterValue\": " + running + ", \"localValue\": " + running
        + ", \"startupValue\": false}";
  }

  private static String token(HttpExchange ex) {
    String query = ex.getRequestURI().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("token=")) {
          return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
        }
      }
    }
    return "";
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private void say(String line) {
    log.accept("[simulated " + name + " Itential API " + release + "] " + line);
  }

  private static void reply(HttpExchange ex, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", text.startsWith("{") ? "application/json" : "text/plain");
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
