package io.bluegreen.activities.itential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bluegreen.activities.connections.ApiEndpoint;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.connections.HttpCalls;
import io.bluegreen.activities.connections.Secrets;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How bluegreen authenticates to one Itential Platform API connection, per the connection's
 * configuration:
 *
 * <ul>
 *   <li>a static token: {@code Authorization: Bearer <token>} on every call (as before);
 *   <li>user and password: {@code POST /login} with {@code {"user": {"username", "password"}}},
 *       which answers the session token; 2023.1, 2023.2 and Platform 6 all take it as the {@code
 *       token} query parameter ("query token authentication" in Itential's API documentation);
 *   <li>OAuth client credentials: {@code POST /oauth/token} with {@code
 *       grant_type=client_credentials}, whose {@code access_token} is sent as {@code Authorization:
 *       Bearer} ("client authentication").
 * </ul>
 *
 * An issued token is kept for the worker's life, registered with {@link Secrets} so no message can
 * show it, and renewed once when the platform refuses it (an expired session).
 */
final class ItentialApiSession {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String connection;
  private final ApiEndpoint endpoint;
  private final HttpCalls http;
  private final Secrets secrets;
  private volatile String issued;

  /**
   * The session of the API connection so named in the worker configuration: one per connection and
   * worker.
   */
  static ItentialApiSession of(Connections connections, String name) {
    return connections.apiClient(
        name,
        ItentialApiSession.class,
        endpoint ->
            new ItentialApiSession(name, endpoint, connections.http(name), connections.secrets()));
  }

  private ItentialApiSession(
      String connection, ApiEndpoint endpoint, HttpCalls http, Secrets secrets) {
    this.connection = connection;
    this.endpoint = endpoint;
    this.http = http;
    this.secrets = secrets;
  }

  String connection() {
    return connection;
  }

  /** Sends an authenticated request and insists on a 2xx answer; logs in first when needed. */
  HttpResponse<String> call(String path, UnaryOperator<HttpRequest.Builder> method, String what) {
    boolean loggedInBefore = issued != null;
    HttpResponse<String> r = http.send(method.apply(authorised(path)), what);
    if ((r.statusCode() == 401 || r.statusCode() == 403) && loggedInBefore && issues()) {
      // The platform forgot or expired the session: one fresh login, then the verdict stands.
      issued = null;
      r = http.send(method.apply(authorised(path)), what);
    }
    return http.expectSuccess(r, what, fix());
  }

  /**
   * Sends without credentials and returns whatever answer came (for endpoints that may be open).
   */
  HttpResponse<String> callOpen(String path, String what) {
    return http.send(
        HttpRequest.newBuilder(url(path)).header("Accept", "application/json").GET(), what);
  }

  private boolean issues() {
    return endpoint.auth() == ApiEndpoint.Auth.LOGIN || endpoint.auth() == ApiEndpoint.Auth.OAUTH;
  }

  private HttpRequest.Builder authorised(String path) {
    switch (endpoint.auth()) {
      case STATIC_TOKEN:
        return HttpRequest.newBuilder(url(path))
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + endpoint.token());
      case LOGIN:
        String session = token();
        return HttpRequest.newBuilder(
                url(
                    path
                        + (path.contains("?") ? "&" : "?")
                        + "token="
                        + URLEncoder.encode(session, StandardCharsets.UTF_8)))
            .header("Accept", "application/json");
      case OAUTH:
        return HttpRequest.newBuilder(url(path))
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + token());
      default:
        return HttpRequest.newBuilder(url(path)).header("Accept", "application/json");
    }
  }

  private synchronized String token() {
    if (issued == null) {
      String t = endpoint.auth() == ApiEndpoint.Auth.LOGIN ? login() : clientCredentials();
      secrets.register(t);
      issued = t;
    }
    return issued;
  }

  private String login() {
    String body;
    try {
      body =
          JSON.writeValueAsString(
              Map.of("user", Map.of("username", endpoint.user(), "password", endpoint.password())));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the login request");
    }
    HttpResponse<String> r =
        http.expectSuccess(
            HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)),
            "log in to API '" + connection + "' as '" + endpoint.user() + "'",
            fix());
    String text = r.body() == null ? "" : r.body().trim();
    String token = text;
    if (text.startsWith("\"") || text.startsWith("{")) {
      JsonNode node = parse(text, "login");
      token = node.isTextual() ? node.asText() : node.path("token").asText("");
    }
    if (token.isEmpty()) {
      throw new IllegalStateException(
          "API '" + connection + "' answered the login without a token");
    }
    return token;
  }

  private String clientCredentials() {
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(endpoint.clientId(), StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(endpoint.clientSecret(), StandardCharsets.UTF_8);
    HttpResponse<String> r =
        http.expectSuccess(
            HttpRequest.newBuilder(url("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)),
            "get an OAuth token for API '"
                + connection
                + "' as client '"
                + endpoint.clientId()
                + "'",
            fix());
    String token = parse(r.body(), "OAuth token").path("access_token").asText("");
    if (token.isEmpty()) {
      throw new IllegalStateException(
          "API '" + connection + "' answered the OAuth token request without access_token");
    }
    return token;
  }

  private JsonNode parse(String text, String what) {
    try {
      return JSON.readTree(text == null ? "" : text);
    } catch (IOException e) {
      throw new IllegalStateException(
          "API '" + connection + "' answered the " + what + " with something other than JSON");
    }
  }

  private String fix() {
    return switch (endpoint.auth()) {
      case LOGIN ->
          "check api."
              + connection
              + ".user and .password in the worker configuration (or the variables they name)";
      case OAUTH ->
          "check api."
              + connection
              + ".clientId and .clientSecret in the worker configuration (or the variables they name)";
      default ->
          "check the token of API connection '" + connection + "' in the worker configuration";
    };
  }

  private URI url(String path) {
    return URI.create(endpoint.baseUrl().toString().replaceAll("/+$", "") + path);
  }
}
