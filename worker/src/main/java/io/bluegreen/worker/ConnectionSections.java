package io.bluegreen.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.bluegreen.activities.connections.ApiEndpoint;
import io.bluegreen.activities.connections.ConnectionSettings;
import io.bluegreen.activities.connections.TlsSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The connection sections of the worker configuration: {@code mongo} and {@code redis} (a URI, or
 * an object with user, password and TLS files) and {@code api} (URL, token and TLS files). Messages
 * name the file and field, never a value.
 */
final class ConnectionSections {
  /** Fields of a MongoDB or Redis connection object. */
  private static final Set<String> CONNECTION_FIELDS =
      Set.of("uri", "username", "password", "caFile", "certFile", "keyFile", "allowInsecure");

  private ConnectionSections() {}

  /**
   * {@code "api": {"blue-api": {"url": "https://blue:3443", "token": "${BLUE_TOKEN}"}}}: Itential
   * Platform API connections, for switching workers through the Workflow Engine API.
   */
  static Map<String, ApiEndpoint> apiSection(
      Path file, JsonNode root, Function<String, String> env) {
    Map<String, ApiEndpoint> out = new LinkedHashMap<>();
    JsonNode node = root.get("api");
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new WorkerConfigException(
          file + ": \"api\" must be an object of named API connections");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String prefix = "api." + e.getKey();
      JsonNode url = e.getValue().get("url");
      if (url == null || !url.isTextual() || url.asText().isBlank()) {
        throw new WorkerConfigException(
            file
                + ": "
                + prefix
                + ".url is missing (the platform's base URL, e.g. https://blue.example.com:3443)");
      }
      URI uri;
      try {
        uri = new URI(WorkerConfig.expand(file, prefix + ".url", url.asText(), env));
      } catch (URISyntaxException ex) {
        throw new WorkerConfigException(file + ": " + prefix + ".url is not a valid URL");
      }
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new WorkerConfigException(
            file + ": " + prefix + ".url must be an http:// or https:// URL");
      }
      out.put(
          e.getKey(),
          auth(file, prefix, uri, e.getValue(), env).withTls(tls(file, prefix, e.getValue(), env)));
    }
    return Map.copyOf(out);
  }

  static Map<String, ConnectionSettings> section(
      Path file, JsonNode root, String kind, Function<String, String> env) {
    Map<String, ConnectionSettings> out = new LinkedHashMap<>();
    JsonNode node = root.get(kind);
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw new WorkerConfigException(
          file + ": \"" + kind + "\" must be an object of named connections");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = kind + "." + e.getKey() + ".uri";
      JsonNode value = e.getValue();
      // The short form "name": "uri" is accepted as well as {"uri": ...}.
      JsonNode uri = value.isTextual() ? value : value.get("uri");
      if (uri == null || !uri.isTextual() || uri.asText().isBlank()) {
        throw new WorkerConfigException(
            file + ": " + field + " is missing (a string URI is required)");
      }
      String prefix = kind + "." + e.getKey();
      if (value.isObject()) {
        for (Iterator<String> it2 = value.fieldNames(); it2.hasNext(); ) {
          String f = it2.next();
          if (!CONNECTION_FIELDS.contains(f)) {
            throw new WorkerConfigException(
                file
                    + ": unknown field \""
                    + prefix
                    + "."
                    + f
                    + "\" (known: uri, username,"
                    + " password, caFile, certFile, keyFile, allowInsecure)");
          }
        }
      }
      String username = text(file, prefix, value, "username", env);
      String password = text(file, prefix, value, "password", env);
      if (password != null && username == null) {
        throw new WorkerConfigException(
            file + ": " + prefix + ".password needs " + prefix + ".username");
      }
      JsonNode insecure = value.isObject() ? value.get("allowInsecure") : null;
      if (insecure != null && !insecure.isBoolean()) {
        throw new WorkerConfigException(
            file + ": " + prefix + ".allowInsecure must be true or false");
      }
      TlsSettings tls;
      try {
        tls =
            new TlsSettings(
                path(file, prefix, value, "caFile", env),
                path(file, prefix, value, "certFile", env),
                path(file, prefix, value, "keyFile", env),
                insecure != null && insecure.asBoolean());
      } catch (IllegalArgumentException ex) {
        throw new WorkerConfigException(file + ": " + prefix + ": " + ex.getMessage());
      }
      out.put(
          e.getKey(),
          new ConnectionSettings(
              WorkerConfig.expand(file, field, uri.asText(), env), username, password, tls));
    }
    return out;
  }

  static String text(
      Path file, String prefix, JsonNode connection, String name, Function<String, String> env) {
    JsonNode node = connection.isObject() ? connection.get(name) : null;
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().isEmpty()) {
      throw new WorkerConfigException(
          file + ": " + prefix + "." + name + " must be a non-empty string");
    }
    return WorkerConfig.expand(file, prefix + "." + name, node.asText(), env);
  }

  /** A file named by the configuration; it must exist when the worker starts. */
  static Path path(
      Path file, String prefix, JsonNode connection, String name, Function<String, String> env) {
    String value = text(file, prefix, connection, name, env);
    if (value == null) {
      return null;
    }
    Path path = Path.of(value);
    if (!Files.isReadable(path)) {
      throw new WorkerConfigException(
          file + ": " + prefix + "." + name + " " + path + " is not a readable file");
    }
    return path;
  }

  static TlsSettings tls(Path file, String prefix, JsonNode node, Function<String, String> env) {
    try {
      return new TlsSettings(
          path(file, prefix, node, "caFile", env),
          path(file, prefix, node, "certFile", env),
          path(file, prefix, node, "keyFile", env),
          false);
    } catch (IllegalArgumentException ex) {
      throw new WorkerConfigException(file + ": " + prefix + ": " + ex.getMessage());
    }
  }

  private static final Set<String> API_FIELDS =
      Set.of(
          "url",
          "token",
          "user",
          "password",
          "clientId",
          "clientSecret",
          "caFile",
          "certFile",
          "keyFile");

  /**
   * One way to authenticate: {@code token} (static bearer token), {@code user} + {@code password}
   * ({@code POST /login}) or {@code clientId} + {@code clientSecret} (OAuth client credentials).
   */
  private static ApiEndpoint auth(
      Path file, String prefix, URI uri, JsonNode node, Function<String, String> env) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!API_FIELDS.contains(field)) {
        throw new WorkerConfigException(
            file
                + ": unknown field \""
                + prefix
                + "."
                + field
                + "\" (expected url, one of: token; user and password; clientId and clientSecret, and optionally"
                + " caFile, certFile and keyFile)");
      }
    }
    String token = apiText(file, prefix, "token", node, env);
    String user = apiText(file, prefix, "user", node, env);
    String password = apiText(file, prefix, "password", node, env);
    String clientId = apiText(file, prefix, "clientId", node, env);
    String clientSecret = apiText(file, prefix, "clientSecret", node, env);
    int ways =
        (token != null ? 1 : 0)
            + (user != null || password != null ? 1 : 0)
            + (clientId != null || clientSecret != null ? 1 : 0);
    if (ways > 1) {
      throw new WorkerConfigException(
          file
              + ": "
              + prefix
              + " names more than one way to log in: keep one of token;"
              + " user and password; clientId and clientSecret");
    }
    if ((user == null) != (password == null)) {
      throw new WorkerConfigException(
          file + ": " + prefix + " needs both user and password for POST /login");
    }
    if ((clientId == null) != (clientSecret == null)) {
      throw new WorkerConfigException(
          file
              + ": "
              + prefix
              + " needs both clientId and clientSecret for OAuth client credentials");
    }
    if (user != null) {
      return ApiEndpoint.login(uri, user, password);
    }
    if (clientId != null) {
      return ApiEndpoint.oauth(uri, clientId, clientSecret);
    }
    return new ApiEndpoint(uri, token);
  }

  private static String apiText(
      Path file, String prefix, String field, JsonNode node, Function<String, String> env) {
    JsonNode v = node.get(field);
    return v == null || v.isNull()
        ? null
        : WorkerConfig.expand(file, prefix + "." + field, v.asText(), env);
  }
}
