package io.bluegreen.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.connections.RequestPolicy;
import io.bluegreen.activities.connections.StateDatabase;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sections of the worker configuration beside its connections: what requests may do ({@code
 * http}, {@code traffic}), the {@code metrics} endpoint and bluegreen's {@code state}.
 */
final class PolicySections {
  private PolicySections() {}

  /** An optional object section with known fields; a missing one reads as an empty object. */
  static JsonNode object(Path file, JsonNode root, String name, Set<String> fields) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!node.isObject()) {
      throw new WorkerConfigException(file + ": \"" + name + "\" must be an object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!fields.contains(f)) {
        throw new WorkerConfigException(
            file
                + ": unknown field \""
                + name
                + "."
                + f
                + "\" (known: "
                + new TreeSet<>(fields)
                + ")");
      }
    }
    return node;
  }

  /** {@code http.allowedUrls}: URL prefixes; absent: any URL (the worker warns at start). */
  static List<URI> allowedUrls(Path file, JsonNode http) {
    JsonNode node = http.get("allowedUrls");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw new WorkerConfigException(
          file
              + ": http.allowedUrls must be a list of URL prefixes, e.g. [\"https://green.example.com:3443/health\"]");
    }
    List<URI> out = new ArrayList<>();
    for (JsonNode entry : node) {
      URI uri;
      try {
        uri = new URI(entry.asText());
      } catch (URISyntaxException e) {
        throw new WorkerConfigException(
            file + ": http.allowedUrls entry '" + entry.asText() + "' is not a URL");
      }
      if (!entry.isTextual()
          || uri.getScheme() == null
          || uri.getHost() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getRawUserInfo() != null) {
        throw new WorkerConfigException(
            file
                + ": http.allowedUrls entry '"
                + entry.asText()
                + "' must be an http(s) URL prefix without credentials, e.g. https://green.example.com:3443/health");
      }
      out.add(uri);
    }
    return List.copyOf(out);
  }

  static int maxResponseBytes(Path file, JsonNode http) {
    JsonNode node = http.get("maxResponseBytes");
    if (node == null || node.isNull()) {
      return RequestPolicy.DEFAULT_MAX_RESPONSE_BYTES;
    }
    if (!node.isInt() || node.asInt() < 1024) {
      throw new WorkerConfigException(
          file + ": http.maxResponseBytes must be a number of bytes, at least 1024");
    }
    return node.asInt();
  }

  static Set<String> trafficRedis(Path file, JsonNode traffic, Set<String> known) {
    JsonNode node = traffic.get("redis");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw new WorkerConfigException(
          file + ": traffic.redis must be a list of Redis connection names");
    }
    Set<String> out = new TreeSet<>();
    for (JsonNode entry : node) {
      if (!entry.isTextual() || !known.contains(entry.asText())) {
        throw new WorkerConfigException(
            file
                + ": traffic.redis names '"
                + entry.asText()
                + "', which is not a connection of \"redis\" (known: "
                + new TreeSet<>(known)
                + ")");
      }
      out.add(entry.asText());
    }
    return Set.copyOf(out);
  }

  static String keyPrefix(Path file, JsonNode traffic) {
    JsonNode node = traffic.get("keyPrefix");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().isEmpty()) {
      throw new WorkerConfigException(
          file + ": traffic.keyPrefix must be a non-empty string, e.g. \"bluegreen:\"");
    }
    return node.asText();
  }

  /** {@code "metrics": {"port": 9464, "host": "0.0.0.0"}}; absent: no metrics endpoint. */
  static MetricsSettings metricsSection(Path file, JsonNode root) {
    JsonNode node = root.get("metrics");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new WorkerConfigException(
          file + ": \"metrics\" must be an object, e.g. {\"port\": 9464}");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.equals("port") && !field.equals("host")) {
        throw new WorkerConfigException(
            file + ": unknown field \"metrics." + field + "\" (expected \"port\" and \"host\")");
      }
    }
    JsonNode port = node.get("port");
    if (port == null || !port.isInt() || port.asInt() < 1 || port.asInt() > 65535) {
      throw new WorkerConfigException(
          file + ": metrics.port must be a TCP port number (1-65535), e.g. 9464");
    }
    JsonNode host = node.get("host");
    if (host != null && (!host.isTextual() || host.asText().isBlank())) {
      throw new WorkerConfigException(
          file
              + ": metrics.host must be an address to listen on, e.g. \"0.0.0.0\" or \"127.0.0.1\"");
    }
    return new MetricsSettings(
        host == null ? MetricsSettings.DEFAULT_HOST : host.asText(), port.asInt());
  }

  /**
   * {@code "state": {"database": "bluegreen_state"}}: the database, on each Green's MongoDB server,
   * where bluegreen keeps the baselines of its three-way sync.
   */
  static String stateDatabase(Path file, JsonNode root) {
    JsonNode state = root.get("state");
    if (state == null || state.isNull()) {
      return Connections.DEFAULT_STATE_DATABASE;
    }
    if (!state.isObject()) {
      throw new WorkerConfigException(
          file + ": \"state\" must be an object, e.g. {\"database\": \"bluegreen_state\"}");
    }
    for (Iterator<String> it = state.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.equals("database")) {
        throw new WorkerConfigException(
            file + ": unknown field \"state." + field + "\" (expected \"state.database\")");
      }
    }
    JsonNode database = state.get("database");
    if (database == null || database.isNull()) {
      return Connections.DEFAULT_STATE_DATABASE;
    }
    if (!database.isTextual()) {
      throw new WorkerConfigException(
          file + ": state.database must be a string (a MongoDB database name)");
    }
    String problem = StateDatabase.problem(database.asText());
    if (problem != null) {
      throw new WorkerConfigException(file + ": " + problem);
    }
    return database.asText();
  }
}
