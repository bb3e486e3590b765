package io.bluegreen.worker;

/** {@code "metrics": {"port": 9464, "host": "0.0.0.0"}} in the worker configuration. */
public record MetricsSettings(String host, int port) {
  public static final String DEFAULT_HOST = "0.0.0.0";
}
