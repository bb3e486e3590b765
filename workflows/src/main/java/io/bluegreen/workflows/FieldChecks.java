package io.bluegreen.workflows;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The checks of one field that every part of a request shares (a duration, a range, a URL, a field
 * path, a name), each adding what to fix to the problems of {@link RequestValidation}.
 */
final class FieldChecks {
  private FieldChecks() {}

  static void required(List<String> problems, String field, String value, String what) {
    if (value == null || value.isBlank()) {
      problems.add(field + " is missing: give " + what);
    }
  }

  static void names(List<String> problems, String field, List<String> names) {
    if (names == null) {
      return;
    }
    for (String n : names) {
      if (n == null || n.isBlank()) {
        problems.add(field + " holds an empty name: list collection names only");
      }
    }
  }

  static void fieldPath(List<String> problems, String field, String path) {
    if (path == null) {
      return;
    }
    if (path.isBlank()
        || path.startsWith("$")
        || path.startsWith(".")
        || path.endsWith(".")
        || path.contains("..")) {
      problems.add(
          field
              + " '"
              + path
              + "' is not a field path: give a dotted path such as \"startJobs\" or \"workers.startJobs\"");
    }
  }

  /** An http(s) URL without credentials: it is stored in workflow history. */
  static void httpUrl(List<String> problems, String field, String url) {
    if (url == null || url.isBlank()) {
      problems.add(field + " is missing: give an http:// or https:// URL");
      return;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      problems.add(
          field + " is not a valid URL: give e.g. \"https://green.example.com:3443/health\"");
      return;
    }
    if (uri.getScheme() == null
        || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
        || uri.getHost() == null) {
      problems.add(
          field + " is not an http(s) URL: give e.g. \"https://green.example.com:3443/health\"");
    } else if (uri.getRawUserInfo() != null) {
      problems.add(
          field + " carries credentials: remove them (the URL is stored in workflow history)");
    } else {
      String token = UrlTokens.problem(field, url);
      if (token != null) {
        problems.add(token);
      }
    }
  }

  static void range(List<String> problems, String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      problems.add(field + " " + value + " is out of range: use " + min + " to " + max);
    }
  }

  static void duration(List<String> problems, String field, String value) {
    if (value == null) {
      return;
    }
    try {
      Duration d = Duration.parse(value);
      if (d.isNegative() || d.isZero()) {
        problems.add(field + " '" + value + "' must be positive, e.g. \"PT30M\" or \"P7D\"");
      } else if (d.compareTo(RequestValidation.MAX_DURATION) > 0) {
        // A timer that long overflows the server's timestamps: every workflow task would fail, and
        // with it any rollback.
        problems.add(field + " '" + value + "' is longer than a year: use at most \"P365D\"");
      }
    } catch (DateTimeParseException e) {
      problems.add(
          field
              + " '"
              + value
              + "' is not an ISO-8601 duration: write e.g. \"PT30M\" (30 minutes), \"PT24H\" or \"P7D\"");
    }
  }
}
