package io.bluegreen.workflows;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds what looks like a token in a URL a request carries: a query parameter named like one
 * ({@code token}, {@code api_key}, {@code sig}, ...) or a path segment of 20 or more letters and
 * digits mixed (webhook services put their secret there). Pure string checks: deterministic.
 */
public final class UrlTokens {
  private static final Pattern SECRET_NAME =
      Pattern.compile(".*(token|key|secret|passw|pwd|auth|signature|credential).*|sig|code");
  private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9_-]{20,}");
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private UrlTokens() {}

  /**
   * The problem to report when {@code url} seems to carry a token, else null. The CLI asks before
   * starting (so the token never reaches history), the workflow again in its validation.
   */
  public static String problem(String field, String url) {
    if (url == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return null; // malformed: request validation says so
    }
    String token = find(uri);
    return token == null
        ? null
        : field
            + " seems to carry a token ("
            + token
            + "): the URL is stored in workflow"
            + " history; keep tokens in the worker configuration and give a URL without one";
  }

  /**
   * Where the token is ("query parameter 'token'", "a path segment"), or null when none is seen.
   */
  static String find(URI uri) {
    String query = uri.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
        if (SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
          return "query parameter '" + name + "'";
        }
      }
    }
    String path = uri.getRawPath();
    if (path != null) {
      for (String segment : path.split("/")) {
        if (TOKEN_LIKE.matcher(segment).matches()
            && !UUID.matcher(segment).matches()
            && segment.chars().anyMatch(Character::isDigit)
            && segment.chars().anyMatch(Character::isLetter)) {
          return "a path segment";
        }
      }
    }
    return null;
  }
}
