package io.bluegreen.worker.encryption;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * Temporal's remote codec protocol over HTTP, for the Temporal UI and {@code temporal
 * --codec-endpoint}: {@code POST /encode} and {@code POST /decode} (also under a namespace segment,
 * {@code /NS/decode}) take and return {@code {"payloads": [...]}} in protobuf JSON (metadata values
 * and data base64). The UI calls it from the browser, so it answers CORS preflights for the one
 * configured origin; a configured bearer token is required on every POST. On a loopback address,
 * where it may run without a token, it answers only requests whose {@code Host} is a loopback name
 * or address, the listening host or one of the allowed host names: a web page whose name an
 * attacker re-points at 127.0.0.1 (DNS rebinding) sends its own name as {@code Host} and gets 421.
 */
public final class CodecHttpServer implements AutoCloseable {
  /** Far above any history page the UI sends (a payload is at most 2 MB on Temporal). */
  static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;

  private CodecHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * @param origins the Temporal UI's origins (scheme://host[:port]) allowed to call from a browser
   * @param bearerToken required as {@code Authorization: Bearer TOKEN}; null: no token asked
   */
  public static CodecHttpServer start(
      String host, int port, Set<String> origins, String bearerToken, PayloadCodec codec)
      throws IOException {
    return start(host, port, origins, bearerToken, Set.of(), codec);
  }

  /**
   * @param allowedHosts further names a loopback listener answers to as {@code Host} (a local proxy
   *     that passes the public name on); the loopback names and {@code host} always are
   */
  public static CodecHttpServer start(
      String host,
      int port,
      Set<String> origins,
      String bearerToken,
      Set<String> allowedHosts,
      PayloadCodec codec)
      throws IOException {
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "bluegreen-codec-server");
              t.setDaemon(true);
              return t;
            });
    InetSocketAddress address = new InetSocketAddress(host, port);
    Set<String> hosts =
        null; // any Host: a listener beyond loopback requires the token (the CLI refuses otherwise)
    if (address.getAddress() != null && address.getAddress().isLoopbackAddress()) {
      hosts = new HashSet<>(List.of("localhost", "127.0.0.1", "[::1]", hostName(host)));
      for (String h : allowedHosts) {
        hosts.add(hostName(h));
      }
    }
    Handler handler =
        new Handler(
            Set.copyOf(origins), bearerToken, hosts == null ? null : Set.copyOf(hosts), codec);
    HttpServer server = HttpServer.create(address, 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            handler.handle(exchange);
          }
        });
    server.setExecutor(executor);
    server.start();
    return new CodecHttpServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** A host as a {@code Host} header names it: lower case, IPv6 literals in brackets. */
  static String hostName(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
  }

  /** The host part of a {@code Host} header value, without its port; null when there is none. */
  static String hostOfHeader(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  /**
   * Any 127.0.0.0/8 literal is loopback too; names other than the listed ones are never resolved.
   */
  private static boolean loopbackLiteral(String host) {
    return host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  private record Handler(
      Set<String> origins, String bearerToken, Set<String> hosts, PayloadCodec codec) {
    void handle(HttpExchange exchange) throws IOException {
      if (hosts != null) {
        String host = hostOfHeader(exchange.getRequestHeaders().getFirst("Host"));
        if (host == null || !(hosts.contains(host) || loopbackLiteral(host))) {
          send(
              exchange,
              421,
              "this codec server answers to "
                  + String.join(", ", new TreeSet<>(hosts))
                  + " as Host; a proxy that passes another name on needs codec-server --allowed-host NAME");
          return;
        }
      }
      cors(exchange);
      String path = exchange.getRequestURI().getPath();
      UnaryOperator<List<Payload>> operation =
          path.endsWith("/encode")
              ? codec::encode
              : path.endsWith("/decode") ? codec::decode : null;
      if (operation == null) {
        send(exchange, 404, "not found: POST /encode or /decode (optionally under /NAMESPACE/)");
        return;
      }
      String method = exchange.getRequestMethod();
      if (method.equals("OPTIONS")) {
        // A browser's preflight carries no credentials; the POST that follows does.
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      if (!method.equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST, OPTIONS");
        send(exchange, 405, "use POST");
        return;
      }
      if (!authorized(exchange)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        send(exchange, 401, "a bearer token is required (Authorization: Bearer TOKEN)");
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      if (body.length > MAX_BODY_BYTES) {
        send(exchange, 413, "request body over " + MAX_BODY_BYTES + " bytes");
        return;
      }
      Payloads.Builder request = Payloads.newBuilder();
      try {
        JsonFormat.parser()
            .ignoringUnknownFields()
            .merge(new String(body, StandardCharsets.UTF_8), request);
      } catch (InvalidProtocolBufferException e) {
        send(
            exchange,
            400,
            "the body must be {\"payloads\": [{\"metadata\": {...}, \"data\": \"BASE64\"}]}");
        return;
      }
      Payloads result;
      try {
        result =
            Payloads.newBuilder()
                .addAllPayloads(operation.apply(request.getPayloadsList()))
                .build();
      } catch (PayloadCodecException e) {
        // The codec's messages name key ids and what went wrong, never key material or payload
        // content.
        send(exchange, 400, e.getMessage());
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      byte[] out =
          JsonFormat.printer()
              .omittingInsignificantWhitespace()
              .print(result)
              .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, out.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(out);
      }
    }

    /** Only the configured origins may read responses from a browser; no header for any other. */
    private void cors(HttpExchange exchange) {
      String requestOrigin = exchange.getRequestHeaders().getFirst("Origin");
      var headers = exchange.getResponseHeaders();
      headers.set("Vary", "Origin");
      if (requestOrigin != null && origins.contains(requestOrigin)) {
        headers.set("Access-Control-Allow-Origin", requestOrigin);
        headers.set("Access-Control-Allow-Credentials", "true");
        headers.set("Access-Control-Allow-Methods", "POST, OPTIONS");
        headers.set("Access-Control-Allow-Headers", "Content-Type, X-Namespace, Authorization");
        headers.set("Access-Control-Max-Age", "600");
      }
    }

    private boolean authorized(HttpExchange exchange) {
      if (bearerToken == null) {
        return true;
      }
      String given = exchange.getRequestHeaders().getFirst("Authorization");
      byte[] expected = ("Bearer " + bearerToken).getBytes(StandardCharsets.UTF_8);
      // Constant time, so the token cannot be guessed byte by byte from response times.
      return given != null
          && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String message) throws IOException {
      byte[] out = (message + "\n").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(status, out.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(out);
      }
    }
  }
}
