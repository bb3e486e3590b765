package io.bluegreen.simulated;

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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A SIMULATED Itential Platform API — not a real platform, the one stand-in the demo and the tests
 * share: the Workflow Engine worker switches and status ({@code running, clusterValue, localValue,
 * startupValue} per worker), {@code /health/server} with the release, the logins ({@code POST
 * /login} whose session token is taken as the {@code token} query parameter, OAuth client
 * credentials at {@code POST /oauth/token}, or a static bearer token), a health endpoint and a
 * traffic webhook. Two flavours: 2023.x ({@code /health/server} open, reporting {@code release})
 * and Platform 6 ({@code /health/server} behind the login, reporting {@code version}).
 *
 * <p>It records every call ({@link #calls()}), reports each to a log as one line without the token
 * ({@link #logTo}), and a test can make it refuse the token, expire sessions, fail its switches or
 * webhook, ignore its switches, turn unhealthy, or accept health checks and never answer them.
 */
public final class SimulatedItentialApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received: method, path, whether it carried the expected token, body, key. */
  public record Call(String method, String path, boolean authorized, String body, String idempotencyKey) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** How the API checks callers. */
  public enum Auth { STATIC_TOKEN, LOGIN, OAUTH }

  private final HttpServer server;
  private final String token;
  private final Auth auth;
  private final String user;
  private final String secret;
  private final Set<String> issued = ConcurrentHashMap.newKeySet();
  private final AtomicInteger logins = new AtomicInteger();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final ArrayDeque<Integer> healthScript = new ArrayDeque<>();
  private final AtomicInteger webhookFailures = new AtomicInteger();
  /** Holds every health check while the API hangs; counted down at {@link #close()}. */
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile String name = "";
  private volatile Consumer<String> log = line -> {};
  private volatile String release = "2023.2.1";
  private volatile boolean jobStartup;
  private volatile boolean taskStartup;
  private volatile boolean jobWorker = true;
  private volatile boolean taskWorker = true;
  private volatile int healthStatus = 200;
  private volatile boolean healthHangs;
  private volatile int switchStatus = 200;
  /** When true, activations are accepted but the status keeps the old state (a switch that did not take). */
  private volatile boolean ignoreSwitches;

  /** A 2023.2 platform taking a static bearer token (null: no authentication). */
  public static SimulatedItentialApi withToken(String token) throws IOException {
    return new SimulatedItentialApi(Auth.STATIC_TOKEN, token, null, null);
  }

  /** A platform of {@code release} whose API takes a {@code POST /login} of this user. */
  public static SimulatedItentialApi withLogin(String release, String user, String password) throws IOException {
    SimulatedItentialApi api = new SimulatedItentialApi(Auth.LOGIN, null, user, password);
    api.release(release);
    return api;
  }

  /** A platform of {@code release} whose API takes OAuth client credentials. */
  public static SimulatedItentialApi withOAuth(String release, String clientId, String clientSecret) throws IOException {
    SimulatedItentialApi api = new SimulatedItentialApi(Auth.OAUTH, null, clientId, clientSecret);
    api.release(release);
    return api;
  }

  private SimulatedItentialApi(Auth auth, String token, String user, String secret) throws IOException {
    this.auth = auth;
    this.token = token;
    this.user = user;
    this.secret = secret;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "simulated-itential-api");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  /**
   * Reports every call to {@code log} as one line, {@code [simulated NAME Itential API RELEASE] …},
   * without the token.
   *
   * @param name how the lines name it, e.g. "Blue"
   */
  public SimulatedItentialApi logTo(String name, Consumer<String> log) {
    this.name = name;
    this.log = log;
    return this;
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

  public String release() {
    return release;
  }

  /** The release {@code /health/server} reports; 2023.x and 6 answer in their own shape. */
  public void release(String release) {
    this.release = release;
  }

  /** What {@code startupValue} reports: whether the workers start when the platform starts. */
  public void startup(boolean job, boolean task) {
    jobStartup = job;
    taskStartup = task;
  }

  /** Forgets every issued session/OAuth token, as a platform restart or an expiry does. */
  public void expireSessions() {
    issued.clear();
  }

  /** The session or OAuth tokens this API issued and still accepts. */
  public Set<String> issuedTokens() {
    return Set.copyOf(issued);
  }

  /** How many logins (or OAuth token requests) succeeded. */
  public int logins() {
    return logins.get();
  }

  private boolean platform6() {
    return !release.startsWith("20");
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

  /** The health endpoint accepts each check, reads it and never answers, until {@link #close()}. */
  public void healthHangs() {
    healthHangs = true;
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
    String method = ex.getRequestMethod();
    boolean authorized = authorized(ex);
    calls.add(new Call(method, path, authorized, body, ex.getRequestHeaders().getFirst("Idempotency-Key")));
    if (path.equals("/login") && method.equals("POST")) {
      login(ex, body);
      return;
    }
    if (path.equals("/oauth/token") && method.equals("POST")) {
      oauth(ex, body);
      return;
    }
    if (path.equals("/health/server") && (authorized || !platform6())) {
      say("GET /health/server: release " + release);
      reply(ex, 200, platform6()
          ? "{\"status\": \"running\", \"version\": \"" + release + "\", \"uptime\": 12345, \"simulated\": true}"
          : "{\"status\": \"running\", \"release\": \"" + release + "\", \"version\": \"13.4.0\", \"uptime\": 12345,"
              + " \"simulated\": true}");
      return;
    }
    if (path.equals("/health")) {
      if (healthHangs) {
        awaitClose();
        ex.close();
        return;
      }
      int status = nextHealthStatus();
      reply(ex, status, "{\"status\": \"" + (status == 200 ? "ok" : "failing") + "\"}");
      return;
    }
    if (path.equals("/traffic")) {
      reply(ex, webhookFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204, null);
      return;
    }
    if (!authorized) {
      say(method + " " + path + " refused: no session");
      reply(ex, 401, "{\"message\": \"invalid token\"}");
      return;
    }
    if (path.equals("/workflow_engine/workers/status") && method.equals("GET")) {
      reply(ex, 200, "{\"jobWorker\": " + worker(jobWorker, jobStartup) + ", \"taskWorker\": " + worker(taskWorker, taskStartup) + "}");
      return;
    }
    Boolean on = path.endsWith("/activate") ? Boolean.TRUE : path.endsWith("/deactivate") ? Boolean.FALSE : null;
    if (on == null || !method.equals("POST")) {
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
    say("POST " + path + ": " + (path.contains("jobWorker") ? "job worker " : "task worker ") + (on ? "running" : "stopped"));
    reply(ex, 200, "{\"status\": \"ok\"}");
  }

  private void awaitClose() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String worker(boolean running, boolean startup) {
    return "{\"running\": " + running + ", \"clusterValue\": " + running + ", \"localValue\": " + running
        + ", \"startupValue\": " + startup + "}";
  }

  private boolean authorized(HttpExchange ex) {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    return switch (auth) {
      case STATIC_TOKEN -> token == null || ("Bearer " + token).equals(header);
      case OAUTH -> header != null && header.startsWith("Bearer ") && issued.contains(header.substring(7));
      case LOGIN -> {
        String t = queryToken(ex);
        yield t != null && issued.contains(t);
      }
    };
  }

  private static String queryToken(HttpExchange ex) {
    String query = ex.getRequestURI().getRawQuery();
    String t = null;
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("token=")) {
          t = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
        }
      }
    }
    return t;
  }

  private void login(HttpExchange ex, String body) throws IOException {
    JsonNode u;
    try {
      u = JSON.readTree(body).path("user");
    } catch (IOException e) {
      reply(ex, 400, "{\"message\": \"bad json\"}");
      return;
    }
    if (auth != Auth.LOGIN || !u.path("username").asText().equals(user) || !u.path("password").asText().equals(secret)) {
      say("POST /login refused");
      reply(ex, 401, "{\"message\": \"Invalid credentials\"}");
      return;
    }
    String session = UUID.randomUUID().toString();
    issued.add(session);
    logins.incrementAndGet();
    say("POST /login as " + user + ": session token issued");
    // The platform answers the bare token as text.
    byte[] bytes = session.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain");
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void oauth(HttpExchange ex, String body) throws IOException {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    if (auth != Auth.OAUTH || !"client_credentials".equals(form.get("grant_type"))
        || !user.equals(form.get("client_id")) || !secret.equals(form.get("client_secret"))) {
      say("POST /oauth/token refused");
      reply(ex, 401, "{\"error\": \"invalid_client\"}");
      return;
    }
    String access = UUID.randomUUID().toString();
    issued.add(access);
    logins.incrementAndGet();
    say("POST /oauth/token for " + user + ": access token issued");
    reply(ex, 200, "{\"access_token\": \"" + access + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}");
  }

  private void say(String line) {
    log.accept("[simulated " + name + (name.isEmpty() ? "" : " ") + "Itential API " + release + "] " + line);
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
    closed.countDown();
    server.stop(0);
  }
}
