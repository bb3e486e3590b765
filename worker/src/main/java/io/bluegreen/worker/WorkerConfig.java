package io.bluegreen.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bluegreen.activities.connections.ApiEndpoint;
import io.bluegreen.activities.connections.ConnectionSettings;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.connections.RequestPolicy;
import io.bluegreen.activities.connections.TlsSettings;
import io.bluegreen.worker.encryption.EncryptionSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker's connections, read from a JSON file:
 *
 * <pre>{"mongo": {"local": {"uri": "mongodb://127.0.0.1:27017"}},
 *  "redis": {"local": {"uri": "redis://:${REDIS_PASSWORD}@127.0.0.1:6379"}}}</pre>
 *
 * Beside the connections: {@code http}, {@code traffic}, {@code metrics}, {@code state} and the
 * {@code worker} section ({@link WorkerSettings}: slots, identity, shutdown grace).
 *
 * <p>{@code ${NAME}} in a value is replaced from the environment, so a password can live in a
 * secret store's environment instead of the file. Error messages name the file and field but never
 * print a value, because a value may be (or contain) a password.
 */
public record WorkerConfig(
    Map<String, String> mongo,
    Map<String, String> redis,
    Map<String, ApiEndpoint> api,
    MetricsSettings metrics,
    Map<String, ConnectionSettings> mongoSettings,
    Map<String, ConnectionSettings> redisSettings,
    TlsSettings httpTls,
    RequestPolicy policy,
    String stateDatabase,
    WorkerSettings worker,
    Optional<EncryptionSettings> encryption) {
  public WorkerConfig(Map<String, String> mongo, Map<String, String> redis) {
    this(mongo, redis, Map.of());
  }

  public WorkerConfig(
      Map<String, String> mongo, Map<String, String> redis, Map<String, ApiEndpoint> api) {
    this(mongo, redis, api, Connections.DEFAULT_STATE_DATABASE);
  }

  public WorkerConfig(
      Map<String, String> mongo,
      Map<String, String> redis,
      Map<String, ApiEndpoint> api,
      String stateDatabase) {
    this(
        mongo,
        redis,
        api,
        null,
        plain(mongo),
        plain(redis),
        TlsSettings.NONE,
        RequestPolicy.OPEN,
        stateDatabase,
        WorkerSettings.DEFAULTS,
        Optional.empty());
  }

  private static Map<String, ConnectionSettings> plain(Map<String, String> uris) {
    Map<String, ConnectionSettings> out = new LinkedHashMap<>();
    uris.forEach((name, uri) -> out.put(name, ConnectionSettings.of(uri)));
    return Map.copyOf(out);
  }

  private static Map<String, String> uris(Map<String, ConnectionSettings> settings) {
    Map<String, String> out = new LinkedHashMap<>();
    settings.forEach((name, s) -> out.put(name, s.uri()));
    return Map.copyOf(out);
  }

  private static final List<String> TOP_FIELDS =
      List.of(
          "mongo",
          "redis",
          "api",
          "state",
          "metrics",
          "http",
          "traffic",
          "worker",
          EncryptionSection.NAME);

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  public static WorkerConfig load(Path file) {
    return load(file, System::getenv);
  }

  /**
   * The file's JSON object, or an error that names the file and never quotes its text (which may
   * hold a password). Also read by sections that a command other than the worker needs alone.
   *
   * @param notAnObject the end of the message when the file holds something else
   */
  public static JsonNode readObject(Path file, String notAnObject) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new WorkerConfigException(
          "worker configuration file "
              + file
              + " not found (pass --config FILE or set BLUEGREEN_WORKER_CONFIG)");
    } catch (IOException e) {
      throw new WorkerConfigException(
          "cannot read worker configuration file " + file + ": " + e.getClass().getSimpleName());
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      // Only the position: Jackson's message quotes the offending text, which may be a password.
      var at = e.getLocation();
      throw new WorkerConfigException(
          "worker configuration file "
              + file
              + " is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    if (root == null || !root.isObject()) {
      throw new WorkerConfigException("worker configuration file " + file + " " + notAnObject);
    }
    return root;
  }

  /**
   * @param env looks up environment variables (tests pass their own)
   */
  public static WorkerConfig load(Path file, Function<String, String> env) {
    JsonNode root = readObject(file, "must hold a JSON object with \"mongo\" and \"redis\"");
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!TOP_FIELDS.contains(field)) {
        throw new WorkerConfigException(
            file + ": unknown field \"" + field + "\" (expected " + TOP_FIELDS + ")");
      }
    }
    Map<String, ConnectionSettings> mongo = ConnectionSections.section(file, root, "mongo", env);
    Map<String, ConnectionSettings> redis = ConnectionSections.section(file, root, "redis", env);
    if (mongo.isEmpty()) {
      throw new WorkerConfigException(
          file
              + ": \"mongo\" defines no connections; add e.g. \"mongo\": {\"local\": {\"uri\": \"mongodb://127.0.0.1:27017\"}}");
    }
    JsonNode http =
        PolicySections.object(
            file,
            root,
            "http",
            Set.of("allowedUrls", "maxResponseBytes", "caFile", "certFile", "keyFile"));
    JsonNode traffic = PolicySections.object(file, root, "traffic", Set.of("redis", "keyPrefix"));
    RequestPolicy policy =
        new RequestPolicy(
            PolicySections.allowedUrls(file, http),
            PolicySections.maxResponseBytes(file, http),
            PolicySections.trafficRedis(file, traffic, redis.keySet()),
            PolicySections.keyPrefix(file, traffic));
    return new WorkerConfig(
        uris(mongo),
        uris(redis),
        ConnectionSections.apiSection(file, root, env),
        PolicySections.metricsSection(file, root),
        Map.copyOf(mongo),
        Map.copyOf(redis),
        ConnectionSections.tls(file, "http", http, env),
        policy,
        PolicySections.stateDatabase(file, root),
        WorkerSettings.section(file, root),
        EncryptionSection.parse(file, root.get(EncryptionSection.NAME), env));
  }

  static String expand(Path file, String field, String value, Function<String, String> env) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = env.apply(m.group(1));
      if (v == null) {
        throw new WorkerConfigException(
            file
                + ": "
                + field
                + " uses ${"
                + m.group(1)
                + "}, but that environment variable is not set");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The connection registry these URIs describe; a malformed URI is named, not printed. */
  public Connections toConnections() {
    try {
      return Connections.of(mongoSettings, redisSettings, api, httpTls, policy, stateDatabase);
    } catch (IllegalArgumentException e) {
      throw new WorkerConfigException(e.getMessage());
    }
  }

  /** Never prints the URIs. */
  @Override
  public String toString() {
    return "WorkerConfig[mongo="
        + mongo.keySet()
        + ", redis="
        + redis.keySet()
        + ", api="
        + api.keySet()
        + ", metrics="
        + metrics
        + ", stateDatabase="
        + stateDatabase
        + ", worker="
        + worker
        + "]";
  }
}
