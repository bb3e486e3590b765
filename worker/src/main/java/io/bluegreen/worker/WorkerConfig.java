package io.bluegreen.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bluegreen.activities.ApiEndpoint;
import io.bluegreen.activities.ConnectionSettings;
import io.bluegreen.activities.Connections;
import io.bluegreen.activities.RequestPolicy;
import io.bluegreen.activities.TlsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker's connections, read from a JSON file:
 *
 * <pre>{"mongo": {"local": {"uri": "mongodb://127.0.0.1:27017"}},
 *  "redis": {"local": {"uri": "redis://:${REDIS_PASSWORD}@127.0.0.1:6379"}}}</pre>
 *
 * {@code ${NAME}} in a value is replaced from the environment, so a password can live in a secret
 * store's environment instead of the file. Error messages name the file and field but never
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
    RequestPolicy policy) {
  public WorkerConfig(Map<String, String> mongo, Map<String, String> redis) {
    this(mongo, redis, Map.of());
  }

  public WorkerConfig(Map<String, String> mongo, Map<String, String> redis, Map<String, ApiEndpoint> api) {
    this(mongo, redis, api, null, plain(mongo), plain(redis), TlsSettings.NONE, RequestPolicy.OPEN);
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

  private static final java.util.List<String> TOP_FIELDS = java.util.List.of("mongo", "redis", "api", "metrics", "http", "traffic");

  /** Fields of a MongoDB or Redis connection object. */
  private static final java.util.Set<String> CONNECTION_FIELDS =
      java.util.Set.of("uri", "username", "password", "caFile", "certFile", "keyFile", "allowInsecure");

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  public static WorkerConfig load(Path file) {
    return load(file, System::getenv);
  }

  /** @param env looks up environment variables (tests pass their own) */
  public static WorkerConfig load(Path file, Function<String, String> env) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new WorkerConfigException(
          "worker configuration file " + file + " not found (pass --config FILE or set BLUEGREEN_WORKER_CONFIG)");
    } catch (IOException e) {
      throw new WorkerConfigException("cannot read worker configuration file " + file + ": " + e.getClass().getSimpleName());
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      // Only the position: Jackson's message quotes the offending text, which may be a password.
      var at = e.getLocation();
      throw new WorkerConfigException(
          "worker configuration file " + file + " is not valid JSON"
              + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    if (root == null || !root.isObject()) {
      throw new WorkerConfigException("worker configuration file " + file + " must hold a JSON object with \"mongo\" and \"redis\"");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!TOP_FIELDS.contains(field)) {
        throw new WorkerConfigException(file + ": unknown field \"" + field + "\" (expected " + TOP_FIELDS + ")");
      }
    }
    Map<String, ConnectionSettings> mongo = section(file, root, "mongo", env);
    Map<String, ConnectionSettings> redis = section(file, root, "redis", env);
    if (mongo.isEmpty()) {
      throw new WorkerConfigException(file + ": \"mongo\" defines no connections; add e.g. \"mongo\": {\"local\": {\"uri\": \"mongodb://127.0.0.1:27017\"}}");
    }
    JsonNode http = object(file, root, "http", java.util.Set.of("allowedUrls", "maxResponseBytes", "caFile", "certFile", "keyFile"));
    JsonNode traffic = object(file, root, "traffic", java.util.Set.of("redis", "keyPrefix"));
    RequestPolicy policy = new RequestPolicy(allowedUrls(file, http), maxResponseBytes(file, http),
        trafficRedis(file, traffic, redis.keySet()), keyPrefix(file, traffic));
    return new WorkerConfig(uris(mongo), uris(redis), apiSection(file, root, env), metricsSection(file, root),
        Map.copyOf(mongo), Map.copyOf(redis), tls(file, "http", http, env), policy);
  }

  /** An optional object section with known fields; a missing one reads as an empty object. */
  private static JsonNode object(Path file, JsonNode root, String name, java.util.Set<String> fields) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }
    if (!node.isObject()) {
      throw new WorkerConfigException(file + ": \"" + name + "\" must be an object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!fields.contains(f)) {
        throw new WorkerConfigException(file + ": unknown field \"" + name + "." + f + "\" (known: " + new java.util.TreeSet<>(fields) + ")");
      }
    }
    return node;
  }

  private static TlsSettings tls(Path file, String prefix, JsonNode node, Function<String, String> env) {
    try {
      return new TlsSettings(path(file, prefix, node, "caFile", env), path(file, prefix, node, "certFile", env),
          path(file, prefix, node, "keyFile", env), false);
    } catch (IllegalArgumentException ex) {
      throw new WorkerConfigException(file + ": " + prefix + ": " + ex.getMessage());
    }
  }

  /** {@code http.allowedUrls}: URL prefixes; absent: any URL (the worker warns at start). */
  private static java.util.List<java.net.URI> allowedUrls(Path file, JsonNode http) {
    JsonNode node = http.get("allowedUrls");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw new WorkerConfigException(file + ": http.allowedUrls must be a list of URL prefixes, e.g. [\"https://green.example.com:3443/health\"]");
    }
    java.util.List<java.net.URI> out = new java.util.ArrayList<>();
    for (JsonNode entry : node) {
      java.net.URI uri;
      try {
        uri = new java.net.URI(entry.asText());
      } catch (java.net.URISyntaxException e) {
        throw new WorkerConfigException(file + ": http.allowedUrls entry '" + entry.asText() + "' is not a URL");
      }
      if (!entry.isTextual() || uri.getScheme() == null || uri.getHost() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getRawUserInfo() != null) {
        throw new WorkerConfigException(file + ": http.allowedUrls entry '" + entry.asText()
            + "' must be an http(s) URL prefix without credentials, e.g. https://green.example.com:3443/health");
      }
      out.add(uri);
    }
    return java.util.List.copyOf(out);
  }

  private static int maxResponseBytes(Path file, JsonNode http) {
    JsonNode node = http.get("maxResponseBytes");
    if (node == null || node.isNull()) {
      return RequestPolicy.DEFAULT_MAX_RESPONSE_BYTES;
    }
    if (!node.isInt() || node.asInt() < 1024) {
      throw new WorkerConfigException(file + ": http.maxResponseBytes must be a number of bytes, at least 1024");
    }
    return node.asInt();
  }

  private static java.util.Set<String> trafficRedis(Path file, JsonNode traffic, java.util.Set<String> known) {
    JsonNode node = traffic.get("redis");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw new WorkerConfigException(file + ": traffic.redis must be a list of Redis connection names");
    }
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (JsonNode entry : node) {
      if (!entry.isTextual() || !known.contains(entry.asText())) {
        throw new WorkerConfigException(file + ": traffic.redis names '" + entry.asText()
            + "', which is not a connection of \"redis\" (known: " + new java.util.TreeSet<>(known) + ")");
      }
      out.add(entry.asText());
    }
    return java.util.Set.copyOf(out);
  }

  private static String keyPrefix(Path file, JsonNode traffic) {
    JsonNode node = traffic.get("keyPrefix");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().isEmpty()) {
      throw new WorkerConfigException(file + ": traffic.keyPrefix must be a non-empty string, e.g. \"bluegreen:\"");
    }
    return node.asText();
  }

  /** {@code "metrics": {"port": 9464, "host": "0.0.0.0"}}; absent: no metrics endpoint. */
  private static MetricsSettings metricsSection(Path file, JsonNode root) {
    JsonNode node = root.get("metrics");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new WorkerConfigException(file + ": \"metrics\" must be an object, e.g. {\"port\": 9464}");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.equals("port") && !field.equals("host")) {
        throw new WorkerConfigException(file + ": unknown field \"metrics." + field + "\" (expected \"port\" and \"host\")");
      }
    }
    JsonNode port = node.get("port");
    if (port == null || !port.isInt() || port.asInt() < 1 || port.asInt() > 65535) {
      throw new WorkerConfigException(file + ": metrics.port must be a TCP port number (1-65535), e.g. 9464");
    }
    JsonNode host = node.get("host");
    if (host != null && (!host.isTextual() || host.asText().isBlank())) {
      throw new WorkerConfigException(file + ": metrics.host must be an address to listen on, e.g. \"0.0.0.0\" or \"127.0.0.1\"");
    }
    return new MetricsSettings(host == null ? MetricsSettings.DEFAULT_HOST : host.asText(), port.asInt());
  }

  /**
   * {@code "api": {"blue-api": {"url": "https://blue:3443", "token": "${BLUE_TOKEN}"}}}: Itential
   * Platform API connections, for switching workers through the Workflow Engine API.
   */
  private static Map<String, ApiEndpoint> apiSection(Path file, JsonNode root, Function<String, String> env) {
    Map<String, ApiEndpoint> out = new LinkedHashMap<>();
    JsonNode node = root.get("api");
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new WorkerConfigException(file + ": \"api\" must be an object of named API connections");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String prefix = "api." + e.getKey();
      JsonNode url = e.getValue().get("url");
      if (url == null || !url.isTextual() || url.asText().isBlank()) {
        throw new WorkerConfigException(file + ": " + prefix + ".url is missing (the platform's base URL, e.g. https://blue.example.com:3443)");
      }
      java.net.URI uri;
      try {
        uri = new java.net.URI(expand(file, prefix + ".url", url.asText(), env));
      } catch (java.net.URISyntaxException ex) {
        throw new WorkerConfigException(file + ": " + prefix + ".url is not a valid URL");
      }
      if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
        throw new WorkerConfigException(file + ": " + prefix + ".url must be an http:// or https:// URL");
      }
      JsonNode token = e.getValue().get("token");
      String tokenValue = token == null || token.isNull() ? null : expand(file, prefix + ".token", token.asText(), env);
      out.put(e.getKey(), new ApiEndpoint(uri, tokenValue, tls(file, prefix, e.getValue(), env)));
    }
    return Map.copyOf(out);
  }

  private static Map<String, ConnectionSettings> section(
      Path file, JsonNode root, String kind, Function<String, String> env) {
    Map<String, ConnectionSettings> out = new LinkedHashMap<>();
    JsonNode node = root.get(kind);
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw new WorkerConfigException(file + ": \"" + kind + "\" must be an object of named connections");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = kind + "." + e.getKey() + ".uri";
      JsonNode value = e.getValue();
      // The short form "name": "uri" is accepted as well as {"uri": ...}.
      JsonNode uri = value.isTextual() ? value : value.get("uri");
      if (uri == null || !uri.isTextual() || uri.asText().isBlank()) {
        throw new WorkerConfigException(file + ": " + field + " is missing (a string URI is required)");
      }
      String prefix = kind + "." + e.getKey();
      if (value.isObject()) {
        for (Iterator<String> it2 = value.fieldNames(); it2.hasNext(); ) {
          String f = it2.next();
          if (!CONNECTION_FIELDS.contains(f)) {
            throw new WorkerConfigException(file + ": unknown field \"" + prefix + "." + f + "\" (known: uri, username,"
                + " password, caFile, certFile, keyFile, allowInsecure)");
          }
        }
      }
      String username = text(file, prefix, value, "username", env);
      String password = text(file, prefix, value, "password", env);
      if (password != null && username == null) {
        throw new WorkerConfigException(file + ": " + prefix + ".password needs " + prefix + ".username");
      }
      JsonNode insecure = value.isObject() ? value.get("allowInsecure") : null;
      if (insecure != null && !insecure.isBoolean()) {
        throw new WorkerConfigException(file + ": " + prefix + ".allowInsecure must be true or false");
      }
      TlsSettings tls;
      try {
        tls = new TlsSettings(path(file, prefix, value, "caFile", env), path(file, prefix, value, "certFile", env),
            path(file, prefix, value, "keyFile", env), insecure != null && insecure.asBoolean());
      } catch (IllegalArgumentException ex) {
        throw new WorkerConfigException(file + ": " + prefix + ": " + ex.getMessage());
      }
      out.put(e.getKey(), new ConnectionSettings(expand(file, field, uri.asText(), env), username, password, tls));
    }
    return out;
  }

  private static String text(Path file, String prefix, JsonNode connection, String name, Function<String, String> env) {
    JsonNode node = connection.isObject() ? connection.get(name) : null;
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().isEmpty()) {
      throw new WorkerConfigException(file + ": " + prefix + "." + name + " must be a non-empty string");
    }
    return expand(file, prefix + "." + name, node.asText(), env);
  }

  /** A file named by the configuration; it must exist when the worker starts. */
  private static Path path(Path file, String prefix, JsonNode connection, String name, Function<String, String> env) {
    String value = text(file, prefix, connection, name, env);
    if (value == null) {
      return null;
    }
    Path path = Path.of(value);
    if (!Files.isReadable(path)) {
      throw new WorkerConfigException(file + ": " + prefix + "." + name + " " + path + " is not a readable file");
    }
    return path;
  }

  static String expand(Path file, String field, String value, Function<String, String> env) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = env.apply(m.group(1));
      if (v == null) {
        throw new WorkerConfigException(
            file + ": " + field + " uses ${" + m.group(1) + "}, but that environment variable is not set");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The connection registry these URIs describe; a malformed URI is named, not printed. */
  public Connections toConnections() {
    try {
      return Connections.of(mongoSettings, redisSettings, api, httpTls, policy);
    } catch (IllegalArgumentException e) {
      throw new WorkerConfigException(e.getMessage());
    }
  }

  /** Never prints the URIs. */
  @Override
  public String toString() {
    return "WorkerConfig[mongo=" + mongo.keySet() + ", redis=" + redis.keySet() + ", api=" + api.keySet()
        + ", metrics=" + metrics + "]";
  }
}
