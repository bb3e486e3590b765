package io.bluegreen.starter;

import java.util.List;

/**
 * The commands only a source checkout has — {@code dev}, {@code demo}, {@code bench} — which run
 * the local stack. They live in the devtools module, which provides them through {@link
 * java.util.ServiceLoader}; the release package leaves that module out, so an operator's CLI
 * carries no local stack, and {@link BluegreenCli} answers those names with where to run them.
 */
public interface CheckoutCommands {
  /** The names the release package answers with "run it from a checkout". */
  List<String> NAMES = List.of("dev", "demo", "bench");

  /**
   * picocli command objects (each annotated with {@code @Command}), in the order help lists them.
   */
  List<Object> commands();
}
