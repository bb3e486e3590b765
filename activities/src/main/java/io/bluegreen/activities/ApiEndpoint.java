package io.bluegreen.activities;

import java.net.URI;

/**
 * An Itential Platform API connection from the worker configuration: its base URL and the token
 * sent as {@code Authorization: Bearer}. The token never leaves the worker.
 */
public record ApiEndpoint(URI baseUrl, String token, TlsSettings tls) {
  public ApiEndpoint {
    tls = tls == null ? TlsSettings.NONE : tls;
  }

  public ApiEndpoint(URI baseUrl, String token) {
    this(baseUrl, token, TlsSettings.NONE);
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "ApiEndpoint[" + baseUrl + "]";
  }
}
