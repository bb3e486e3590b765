package io.bluegreen.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * How a simulated platform checks its callers — one of the three ways an Itential Platform takes: a
 * static bearer token, {@code POST /login} (the session token then sent as the {@code token} query
 * parameter), or OAuth client credentials — and the sessions it issued.
 */
final class SimulatedLogins {
  private enum Kind {
    STATIC_TOKEN,
    LOGIN,
    OAUTH
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Kind kind;
  private final String token;
  private final String user;
  private final String secret;
  private final Set<String> issued = ConcurrentHashMap.newKeySet();
  private final AtomicInteger count = new AtomicInteger();

  private SimulatedLogins(Kind kind, String token, String user, String secret) {
    this.kind = kind;
    this.token = token;
    this.user = user;
    this.secret = secret;
  }

  /** A static bearer token; null: no authentication. */
  static SimulatedLogins staticToken(String token) {
    return new SimulatedLogins(Kind.STATIC_TOKEN, token, null, null);
  }

  static SimulatedLogins login(String user, String password) {
    return new SimulatedLogins(Kind.LOGIN, null, user, password);
  }

  static SimulatedLogins oauth(String clientId, String clientSecret) {
    return new SimulatedLogins(Kind.OAUTH, null, clientId, clientSecret);
  }

  Set<String> issued() {
    return Set.copyOf(issued);
  }

  int count() {
    return count.get();
  }

  void expire() {
    issued.clear();
  }

  boolean authorized(HttpExchange ex) {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    return switch (kind) {
      case STATIC_TOKEN -> token == null || ("Bearer " + token).equals(header);
      case OAUTH ->
          header != null && header.startsWith("Bearer ") && issued.contains(header.substring(7));
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

  /** Answers {@code POST /login}: the platform answers the bare session token as text. */
  void login(HttpExchange ex, String body, Consumer<String> say) throws IOException {
    JsonNode u;
    try {
      u = JSON.readTree(body).path("user");
    } catch (IOException e) {
      SimulatedItentialApi.reply(ex, 400, "{\"message\": \"bad json\"}");
      return;
    }
    if (kind != Kind.LOGIN
        || !u.path("username").asText().equals(user)
        || !u.path("password").asText().equals(secret)) {
      say.accept("POST /login refused");
      SimulatedItentialApi.reply(ex, 401, "{\"message\": \"Invalid credentials\"}");
      return;
    }
    String session = UUID.randomUUID().toString();
    issued.add(session);
    count.incrementAndGet();
    say.accept("POST /login as " + user + ": session token issued");
    byte[] bytes = session.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain");
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Answers {@code POST /oauth/token} with the client-credentials grant. */
  void oauth(HttpExchange ex, String body, Consumer<String> say) throws IOException {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            pair.substring(0, eq),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    if (kind != Kind.OAUTH
        || !"client_credentials".equals(form.get("grant_type"))
        || !user.equals(form.get("client_id"))
        || !secret.equals(form.get("client_secret"))) {
      say.accept("POST /oauth/token refused");
      SimulatedItentialApi.reply(ex, 401, "{\"error\": \"invalid_client\"}");
      return;
    }
    String access = UUID.randomUUID().toString();
    issued.add(access);
    count.incrementAndGet();
    say.accept("POST /oauth/token for " + user + ": access token issued");
    SimulatedItentialApi.reply(
        ex,
        200,
        "{\"access_token\": \"" + access + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}");
  }
}
