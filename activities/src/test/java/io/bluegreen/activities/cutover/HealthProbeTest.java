package io.bluegreen.activities.cutover;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.bluegreen.activities.ActivityTestBase;
import io.bluegreen.simulated.SimulatedItentialApi;
import io.bluegreen.workflows.activities.HealthActivities;
import io.bluegreen.workflows.activities.HealthInput;
import io.bluegreen.workflows.activities.HealthResult;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.HealthCheck;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Green that accepts the health check's connection and never answers used to hold the gate: the
 * probe neither heartbeated nor failed, so the activity timed out and retried forever. Now a probe
 * heartbeats while it waits and counts as a failure after the check's timeout.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HealthProbeTest extends ActivityTestBase {
  private SimulatedItentialApi green;
  private final List<Object> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startGreenThatNeverAnswers() throws Exception {
    green = SimulatedItentialApi.withToken(null);
    green.healthHangs(); // accepts, reads the request, never answers while the test runs
    env.setActivityHeartbeatListener(HealthActivitiesImpl.HealthProgress.class, heartbeats::add);
  }

  @AfterEach
  void stop() {
    green.close();
  }

  @Test
  void aProbeWithNoAnswerCountsAsAFailureAndHeartbeatsMeanwhile() {
    String url = green.healthUrl();
    HealthActivities health = stub(HealthActivities.class, new HealthActivitiesImpl(connections));

    HealthResult r =
        health.checkHealth(
            new HealthInput(Colour.GREEN, new HealthCheck(url, 200, "PT1S", 1, "PT3S")));

    assertFalse(r.healthy(), "a Green that never answers is unhealthy");
    assertTrue(
        r.lastFailure().contains("no answer") && r.lastFailure().contains("within 3s"),
        r.lastFailure());
    assertTrue(
        r.consecutiveFailures() == 2,
        "failuresAllowed 1: the second failure ends the gate, got " + r.consecutiveFailures());
    assertFalse(heartbeats.isEmpty(), "the probe heartbeats while it waits for the answer");
  }

  /**
   * A health URL that answers 200 and then streams a body without end: the probe reads only up to
   * the worker's bound, so the answer counts (healthy) instead of the probe holding the body in
   * memory until its timeout.
   */
  @Test
  void aHealthyAnswerWithAnEndlessBodyIsReadOnlyUpToTheBound() throws Exception {
    HttpServer endless = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ExecutorService threads = Executors.newCachedThreadPool();
    CountDownLatch done = new CountDownLatch(1);
    endless.setExecutor(threads);
    endless.createContext(
        "/health",
        exchange -> {
          exchange.sendResponseHeaders(200, 0); // chunked: no length, no end
          byte[] chunk = new byte[64 * 1024];
          Arrays.fill(chunk, (byte) 'x');
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0;
                i < 1024 && done.getCount() > 0;
                i++) { // 64 MiB, then hold the stream open
              out.write(chunk);
            }
            done.await();
          } catch (IOException | InterruptedException e) {
            // the probe stopped reading: what the bound is for
          }
        });
    endless.start();
    try {
      String url = "http://127.0.0.1:" + endless.getAddress().getPort() + "/health";
      HealthActivities health = stub(HealthActivities.class, new HealthActivitiesImpl(connections));
      HealthResult r =
          health.checkHealth(
              new HealthInput(Colour.GREEN, new HealthCheck(url, 200, "PT1S", 0, "PT10S")));
      assertTrue(
          r.healthy(), "the 200 counts, its body read only up to the bound: " + r.lastFailure());
    } finally {
      done.countDown();
      endless.stop(0);
      threads.shutdownNow();
    }
  }
}
