package io.bluegreen.activities.connections;

import io.bluegreen.workflows.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/**
 * HTTP for the activities, with one rule for failures: a server error, a timeout or a refused
 * connection may pass (retryable); a refused token or any other 4xx will not (non-retryable, with
 * what to fix). Messages name the URL's host and path, never a token.
 */
public final class HttpCalls {
  static final String HTTP_REFUSED = FailureTypes.HTTP_REFUSED;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client;
  private final int maxResponseBytes;

  /**
   * @param tls the CA to trust and client certificate to present; null: the JVM's defaults
   * @param maxResponseBytes how much of a response body is read
   */
  HttpCalls(SSLContext tls, int maxResponseBytes) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER);
    if (tls != null) {
      builder.sslContext(tls);
    }
    this.client = builder.build();
    this.maxResponseBytes = maxResponseBytes;
  }

  /** Sends and returns the response whatever its status; only transport problems throw. */
  public HttpResponse<String> send(HttpRequest.Builder request, String what) {
    HttpRequest built = request.timeout(REQUEST_TIMEOUT).build();
    try {
      return client.send(built, BoundedBody.handler(maxResponseBytes));
    } catch (IOException e) {
      throw new IllegalStateException(
          what
              + ": cannot reach "
              + where(built.uri())
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + ": interrupted");
    }
  }

  /**
   * Starts a request that must be answered within {@code timeout}; the caller waits on the future
   * (heartbeating), so a server that accepts the connection and never answers cannot hold it. The
   * body is read up to the bound, like {@link #send}'s: a health URL that streams without end
   * neither fills the worker's memory nor keeps the answer from arriving.
   */
  public CompletableFuture<HttpResponse<String>> sendAsync(
      HttpRequest.Builder request, Duration timeout) {
    return client.sendAsync(
        request.timeout(timeout).build(), BoundedBody.handler(maxResponseBytes));
  }

  /** Sends and insists on a 2xx answer. */
  public HttpResponse<String> expectSuccess(HttpRequest.Builder request, String what, String fix) {
    return expectSuccess(send(request, what), what, fix);
  }

  /** Insists on a 2xx answer already received. */
  public HttpResponse<String> expectSuccess(
      HttpResponse<String> response, String what, String fix) {
    return check(response, what, fix);
  }

  /** Insists on a 2xx answer already received; {@code fix} is said when a token was refused. */
  public static HttpResponse<String> check(HttpResponse<String> response, String what, String fix) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response;
    }
    String message = what + ": " + where(response.uri()) + " answered HTTP " + status;
    if (status >= 500 || status == 408 || status == 429) {
      throw new IllegalStateException(message);
    }
    throw ApplicationFailure.newNonRetryableFailure(
        message + (status == 401 || status == 403 ? ": " + fix : ""), HTTP_REFUSED);
  }

  public static String where(URI uri) {
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + uri.getPath();
  }
}
