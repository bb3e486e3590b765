package io.bluegreen.starter;

/** A failure the operator can act on: its message is printed as one line, without a stack trace. */
public class CliException extends RuntimeException {
  private final int exitCode;

  public CliException(String message) {
    this(message, 1, null);
  }

  public CliException(String message, Throwable cause) {
    this(message, 1, cause);
  }

  public CliException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** A mistake in what the operator typed or wrote in a file: exit code 2, like a usage error. */
  public static CliException usage(String message) {
    return new CliException(message, 2, null);
  }
}
