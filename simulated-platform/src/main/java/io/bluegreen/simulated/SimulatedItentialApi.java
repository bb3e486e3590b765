package io.bluegreen.simulated;

import com.mongodb.client.MongoCollection;
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
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * A SIMULATED Itential Platform API — not a real platform, the one stand-in the demo and the tests
 * share: the Workflow Engine worker switches and status ({@code running, clusterValue, localValue,
 * startupValue} per worker; {@link SimulatedWorkers}), the jobs cancel endpoint ({@link
 * SimulatedJobs}), {@code /health/server} with the release, the logins ({@code POST /login} whose
 * session token is taken as the {@code token} query parameter, OAuth client credentials at {@code
 * POST /oauth/token}, or a static bearer token), a health endpoint and a traffic webhook. Two
 * flavours: 2023.x ({@code /health/server} open, reporting {@code release}) and Platform 6 ({@code
 * /health/server} behind the login, reporting {@code version}).
 *
 * <p>It records every call ({@link #calls()}), reports each to a log as one line without the token
 * ({@link #logTo}), and a test can make it refuse the token, expire sessions, fail its switches or
 * webhook, ignore its switches, turn unhealthy, or accept health checks and never answer them.
 */
public final class SimulatedItentialApi implements AutoCloseable {
  /** One request as received: method, path, whether it carried the expected token, body, key. */
  public record Call(
      String method, String path, boolean authorized, String body, String idempotencyKey) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private final HttpServer server;
  private final SimulatedLogins logins;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final SimulatedHealth health = new SimulatedHealth();
  private final AtomicInteger webhookFailures = new AtomicInteger();
  private volatile String name = "";
  private volatile Consumer<String> log = line -> {};
  private volatile String release = "2023.2.1";
  private final SimulatedWorkers workers = new SimulatedWorkers();
  private final SimulatedJobs jobs = new SimulatedJobs();

  /** A 2023.2 platform taking a static bearer token (null: no authentication). */
  public static SimulatedItentialApi withToken(String token) throws IOException {
    return new SimulatedItentialApi(SimulatedLogins.staticToken(token));
  }

  /** A platform of {@code release} whose API takes a {@code POST /login} of this user. */
  public static SimulatedItentialApi withLogin(String release, String user, String password)
      throws IOException {
    SimulatedItentialApi api = new SimulatedItentialApi(SimulatedLogins.login(user, password));
    api.release(release);
    return api;
  }

  /** A platform of {@code release} whose API takes OAuth client credentials. */
  public static SimulatedItentialApi withOAuth(String release, String clientId, String clientSecret)
      throws IOException {
    SimulatedItentialApi api =
        new SimulatedItentialApi(SimulatedLogins.oauth(clientId, clientSecret));
    api.release(release);
    return api;
  }

  private SimulatedItentialApi(SimulatedLogins logins) throws IOException {
    this.logins = logins;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(
        Executors.newCachedThreadPool(
            r -> {
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
    return workers.jobWorker;
  }

  public boolean taskWorker() {
    return workers.taskWorker;
  }

  public void setWorkers(boolean job, boolean task) {
    workers.jobWorker = job;
    workers.taskWorker = task;
  }

  /**
   * The platform's {@code jobs} collection: a job cancelled through {@code POST
   * /operations-manager/jobs/cancel} is marked {@code canceled} there, as the platform would.
   */
  public SimulatedItentialApi jobsIn(MongoCollection<Document> jobsCollection) {
    jobs.jobsIn(jobsCollection);
    return this;
  }

  /** The job ids of every accepted cancel call, one list per call. */
  public List<List<String>> cancelCalls() {
    return jobs.cancelCalls();
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
    workers.jobStartup = job;
    workers.taskStartup = task;
  }

  /** Forgets every issued session/OAuth token, as a platform restart or an expiry does. */
  public void expireSessions() {
    logins.expire();
  }

  /** The session or OAuth tokens this API issued and still accepts. */
  public Set<String> issuedTokens() {
    return logins.issued();
  }

  /** How many logins (or OAuth token requests) succeeded. */
  public int logins() {
    return logins.count();
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
    health.script(statuses);
  }

  public void healthStatus(int status) {
    health.status(status);
  }

  /** The health endpoint accepts each check, reads it and never answers, until {@link #close()}. */
  public void healthHangs() {
    health.hang();
  }

  public void switchStatus(int status) {
    workers.switchStatus = status;
  }

  public void ignoreSwitches(boolean ignore) {
    workers.ignoreSwitches = ignore;
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    boolean authorized = logins.authorized(ex);
    calls.add(
        new Call(
            method, path, authorized, body, ex.getRequestHeaders().getFirst("Idempotency-Key")));
    if (path.equals("/login") && method.equals("POST")) {
      logins.login(ex, body, this::say);
      return;
    }
    if (path.equals("/oauth/token") && method.equals("POST")) {
      logins.oauth(ex, body, this::say);
      return;
    }
    if (path.equals("/health/server") && (authorized || !platform6())) {
      say("GET /health/server: release " + release);
      reply(
          ex,
          200,
          platform6()
              ? "{\"status\": \"running\", \"version\": \""
                  + release
                  + "\", \"uptime\": 12345, \"simulated\": true}"
              : "{\"status\": \"running\", \"release\": \""
                  + release
                  + "\", \"version\": \"13.4.0\", \"uptime\": 12345,"
                  + " \"simulated\": true}");
      return;
    }
    if (path.equals("/health")) {
      health.answer(ex);
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
    if (path.equals("/operations-manager/jobs/cancel") && method.equals("POST")) {
      jobs.cancel(ex, body, this::say);
      return;
    }
    if (!workers.handle(ex, method, path, this::say)) {
      reply(ex, 404, "{\"message\": \"not found\"}");
    }
  }

  private void say(String line) {
    log.accept(
        "[simulated "
            + name
            + (name.isEmpty() ? "" : " ")
            + "Itential API "
            + release
            + "] "
            + line);
  }

  static void reply(HttpExchange ex, int status, String json) throws IOException {
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
    health.close();
    server.stop(0);
  }
}
