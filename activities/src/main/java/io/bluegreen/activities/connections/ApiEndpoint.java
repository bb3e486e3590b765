package io.bluegreen.activities.connections;

import java.net.URI;

/**
 * An Itential Platform API connection from the worker configuration: its base URL and one way to
 * authenticate, all expanded from {@code ${ENV}} references in the worker's configuration:
 *
 * <ul>
 *   <li>{@code token}: a static token, sent as {@code Authorization: Bearer};
 *   <li>{@code user}/{@code password}: {@code POST /login}, the session token then sent as the
 *       release expects (the Itential API session does this);
 *   <li>{@code clientId}/{@code clientSecret}: OAuth client credentials at {@code POST
 *       /oauth/token}, the access token sent as {@code Authorization: Bearer}.
 * </ul>
 *
 * None of them ever leaves the worker.
 */
public record ApiEndpoint(
    URI baseUrl,
    String token,
    String user,
    String password,
    String clientId,
    String clientSecret,
    TlsSettings tls) {
  public ApiEndpoint {
    tls = tls == null ? TlsSettings.NONE : tls;
  }

  /** A static-token connection with its own TLS (CA file, client certificate). */
  public ApiEndpoint(URI baseUrl, String token, TlsSettings tls) {
    this(baseUrl, token, null, null, null, null, tls);
  }

  /** The same connection with the given TLS settings. */
  public ApiEndpoint withTls(TlsSettings settings) {
    return new ApiEndpoint(baseUrl, token, user, password, clientId, clientSecret, settings);
  }

  /** How the connection authenticates. */
  public enum Auth {
    NONE,
    STATIC_TOKEN,
    LOGIN,
    OAUTH
  }

  public ApiEndpoint(URI baseUrl, String token) {
    this(baseUrl, token, null, null, null, null, TlsSettings.NONE);
  }

  public static ApiEndpoint login(URI baseUrl, String user, String password) {
    return new ApiEndpoint(baseUrl, null, user, password, null, null, TlsSettings.NONE);
  }

  public static ApiEndpoint oauth(URI baseUrl, String clientId, String clientSecret) {
    return new ApiEndpoint(baseUrl, null, null, null, clientId, clientSecret, TlsSettings.NONE);
  }

  public Auth auth() {
    if (user != null) {
      return Auth.LOGIN;
    }
    if (clientId != null) {
      return Auth.OAUTH;
    }
    return token == null || token.isEmpty() ? Auth.NONE : Auth.STATIC_TOKEN;
  }

  /** Never prints a credential. */
  @Override
  public String toString() {
    return "ApiEndpoint[" + baseUrl + ", " + auth() + "]";
  }
}
