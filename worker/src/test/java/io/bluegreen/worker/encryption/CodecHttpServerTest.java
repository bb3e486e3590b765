package io.bluegreen.worker.encryption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The codec server as the Temporal UI calls it: protobuf JSON over HTTP, CORS, bearer token. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CodecHttpServerTest {
  private static final String UI = "http://localhost:8233";
  private static final String TOKEN = "s3cret-codec-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private CodecHttpServer server;

  @BeforeEach
  void start() throws Exception {
    EncryptionKeys keys = TestKeys.keys("k1", Map.of("k1", TestKeys.base64(32)));
    server = CodecHttpServer.start("127.0.0.1", 0, Set.of(UI), TOKEN, new AesGcmPayloadCodec(keys));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> post(String path, String body, String authorization)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Content-Type", "application/json")
            .header("X-Namespace", "default")
            .header("Origin", UI)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void encodeThenDecodeGivesBackThePayloadsAndTheEncodedOnesHoldNoPlaintext() throws Exception {
    String plain =
        "{\"payloads\":[{\"metadata\":{\"encoding\":\""
            + b64("json/plain")
            + "\"},\"data\":\""
            + b64("{\"database\":\"itential_prod\"}")
            + "\"}]}";
    HttpResponse<String> encoded = post("/encode", plain, "Bearer " + TOKEN);
    assertEquals(200, encoded.statusCode(), encoded.body());
    JsonNode sealed = JSON.readTree(encoded.body()).get("payloads").get(0);
    assertEquals(b64(AesGcmPayloadCodec.ENCODING), sealed.get("metadata").get("encoding").asText());
    assertEquals(b64("k1"), sealed.get("metadata").get(AesGcmPayloadCodec.KEY_ID).asText());
    assertFalse(
        new String(
                Base64.getDecoder().decode(sealed.get("data").asText()),
                StandardCharsets.ISO_8859_1)
            .contains("itential_prod"));

    // The UI's path carries the namespace: /NAMESPACE/decode.
    HttpResponse<String> decoded = post("/default/decode", encoded.body(), "Bearer " + TOKEN);
    assertEquals(200, decoded.statusCode(), decoded.body());
    assertEquals(JSON.readTree(plain), JSON.readTree(decoded.body()));
    assertEquals(UI, decoded.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
  }

  @Test
  void aTamperedPayloadIsRefusedWithTheReason() throws Exception {
    String plain =
        "{\"payloads\":[{\"metadata\":{\"encoding\":\""
            + b64("json/plain")
            + "\"},\"data\":\""
            + b64("\"x\"")
            + "\"}]}";
    ObjectNode body = (ObjectNode) JSON.readTree(post("/encode", plain, "Bearer " + TOKEN).body());
    ObjectNode sealed = (ObjectNode) body.get("payloads").get(0);
    byte[] data = Base64.getDecoder().decode(sealed.get("data").asText());
    data[data.length - 1] ^= 1;
    sealed.put("data", Base64.getEncoder().encodeToString(data));
    HttpResponse<String> r = post("/decode", body.toString(), "Bearer " + TOKEN);
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("failed authentication with key id \"k1\""), r.body());
  }

  @Test
  void thePreflightAllowsTheUiOriginOnlyAndNeedsNoToken() throws Exception {
    HttpResponse<String> ok =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/default/decode"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", UI)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-namespace,content-type,authorization")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(204, ok.statusCode());
    assertEquals(UI, ok.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    assertEquals("true", ok.headers().firstValue("Access-Control-Allow-Credentials").orElse(null));
    String allowed = ok.headers().firstValue("Access-Control-Allow-Headers").orElse("");
    assertTrue(
        allowed.contains("X-Namespace")
            && allowed.contains("Authorization")
            && allowed.contains("Content-Type"),
        allowed);
    assertTrue(ok.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));

    HttpResponse<String> other =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/decode"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example.com")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(
        other.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
        "no CORS grant for another origin");
  }

  @Test
  void withoutTheBearerTokenTheAnswerIs401() throws Exception {
    String body = "{\"payloads\":[]}";
    HttpResponse<String> none = post("/decode", body, null);
    assertEquals(401, none.statusCode());
    assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(null));
    assertEquals(
        UI,
        none.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
        "the UI can read the refusal");
    assertEquals(401, post("/encode", body, "Bearer wrong-token").statusCode());
    assertEquals(200, post("/decode", body, "Bearer " + TOKEN).statusCode());
  }

  @Test
  void unknownPathsMethodsAndBodiesGetClearRefusals() throws Exception {
    assertEquals(404, post("/metrics", "{}", "Bearer " + TOKEN).statusCode());
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/decode"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
    HttpResponse<String> bad = post("/decode", "not json", "Bearer " + TOKEN);
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("{\"payloads\""), bad.body());
  }

  /**
   * A request as a browser sends it, with the Host it puts there (HttpClient will not set Host).
   */
  private static String statusLine(int port, String host) throws Exception {
    String body = "{\"payloads\":[]}";
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /default/decode HTTP/1.1\r\n"
                  + (host == null ? "" : "Host: " + host + "\r\n")
                  + "Content-Type: application/json\r\nContent-Length: "
                  + body.length()
                  + "\r\nConnection: close\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return response.substring(0, response.indexOf("\r\n"));
    }
  }

  /**
   * Without a token on loopback, a page whose name an attacker re-points at 127.0.0.1 (DNS
   * rebinding) could otherwise decode any history through the operator's browser: only loopback
   * names, the listening host and the allowed names are answered.
   */
  @Test
  void onLoopbackOnlyLoopbackAndAllowedHostNamesAreAnswered() throws Exception {
    EncryptionKeys keys = TestKeys.keys("k1", Map.of("k1", TestKeys.base64(32)));
    try (CodecHttpServer open =
        CodecHttpServer.start(
            "127.0.0.1",
            0,
            Set.of(UI),
            null,
            Set.of("Codec.Example.com"),
            new AesGcmPayloadCodec(keys))) {
      int port = open.port();
      for (String host :
          new String[] {
            "127.0.0.1:" + port,
            "localhost:" + port,
            "LOCALHOST",
            "[::1]:" + port,
            "127.0.0.2:" + port,
            "codec.example.com"
          }) {
        assertTrue(statusLine(port, host).contains(" 200"), host + ": " + statusLine(port, host));
      }
      for (String host :
          new String[] {
            "evil.example:" + port,
            "evil.example",
            "127.0.0.1.evil.example:" + port,
            "localhost.evil.example",
            null
          }) {
        assertTrue(statusLine(port, host).contains(" 421"), host + ": " + statusLine(port, host));
      }
    }
  }
}
