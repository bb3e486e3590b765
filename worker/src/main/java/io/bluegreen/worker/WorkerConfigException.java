package io.bluegreen.worker;

/**
 * A worker configuration problem, with a message fit to print as is (never containing a secret).
 */
public class WorkerConfigException extends RuntimeException {
  public WorkerConfigException(String message) {
    super(message);
  }
}
