package io.bluegreen.activities.connections;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Removes credentials from text that may end up in workflow history or logs. Known passwords are
 * replaced by {@code ***}; as a second line of defence, the user-info part of anything that looks
 * like a URI ({@code scheme://user:pass@host}) is masked too, so a password that was not registered
 * (e.g. one a driver echoed back URL-encoded) still does not leak.
 */
public final class Secrets {
  private static final Pattern URI_USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@");

  /** Replaced as a whole on registration, so a reader never sees a half-built list. */
  private volatile List<String> passwords;

  public Secrets(Set<String> passwords) {
    this.passwords = longestFirst(passwords.stream());
  }

  /**
   * Adds a secret learnt at run time (a session or OAuth token the platform issued), so that it is
   * scrubbed from messages like the configured ones.
   */
  public synchronized void register(String secret) {
    if (secret != null && !secret.isEmpty() && !passwords.contains(secret)) {
      passwords = longestFirst(Stream.concat(passwords.stream(), Stream.of(secret)));
    }
  }

  // Longest first so that a password that contains another one is replaced whole.
  private static List<String> longestFirst(Stream<String> secrets) {
    return secrets
        .filter(p -> p != null && !p.isEmpty())
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  public static Secrets none() {
    return new Secrets(Set.of());
  }

  public List<String> passwords() {
    return passwords;
  }

  /** The text with every known password and every URI's user info replaced by {@code ***}. */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String p : passwords) {
      out = out.replace(p, "***");
      String encoded = URLEncoder.encode(p, StandardCharsets.UTF_8);
      if (!encoded.equals(p)) {
        out = out.replace(encoded, "***");
      }
    }
    return URI_USER_INFO.matcher(out).replaceAll("$1***@");
  }
}
