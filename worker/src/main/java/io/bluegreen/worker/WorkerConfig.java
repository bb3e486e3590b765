package io.bluegreen.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bluegreen.activities.ApiEndpoint;
import io.bluegreen.activities.Connections;
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
    Map<String, String> mongo, Map<String, String> redis, Map<String, ApiEndpoint> api, MetricsSettings metrics) {
  public WorkerConfig(Map<String, String> mongo, Map<String, String> redis) {
    this(mongo, redis, Map.of());
  }

  public WorkerConfig(Map<String, String> mongo, Map<String, String> redis, Map<String, ApiEndpoint> api) {
    this(mongo, redis, api, null);
  }

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
      if (!field.equals("mongo") && !field.equals("redis") && !field.equals("api") && !field.equals("metrics")) {
        throw new WorkerConfigException(file + ": unknown field \"" + field + "\" (expected \"mongo\", \"redis\", \"api\" and \"metrics\")");
      }
    }
    Map<String, String> mongo = section(file, root, "mongo", env);
    Map<String, String> redis = section(file, root, "redis", env);
    if (mongo.isEmpty()) {
      throw new WorkerConfigException(file + ": \"mongo\" defines no connections; add e.g. \"mongo\": {\"local\": {\"uri\": \"mongodb://127.0.0.1:27017\"}}");
    }
    return new WorkerConfig(Map.copyOf(mongo), Map.copyOf(redis), apiSection(file, root, env), metricsSection(file, root));
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
      out.put(e.getKey(), new ApiEndpoint(uri, tokenValue));
    }
    return Map.copyOf(out);
  }

  private static Map<String, String> section(Path file, JsonNode root, String kind, Function<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>();
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
      out.put(e.getKey(), expand(file, field, uri.asText(), env));
    }
    return out;
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
      return new Connections(mongo, redis, api);
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
