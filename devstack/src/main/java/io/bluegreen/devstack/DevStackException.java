package io.bluegreen.devstack;

/** A local-stack failure whose message is one line an operator can act on. */
public final class DevStackException extends RuntimeException {
  public DevStackException(String message) {
    super(message);
  }

  public DevStackException(String message, Throwable cause) {
    super(message, cause);
  }
}
