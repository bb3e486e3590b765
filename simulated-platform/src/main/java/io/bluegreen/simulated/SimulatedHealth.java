package io.bluegreen.simulated;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;

/**
 * A simulated platform's health endpoint: healthy, a fixed status, a scripted sequence of statuses,
 * or a Green that accepts the check and never answers.
 */
final class SimulatedHealth {
  private final ArrayDeque<Integer> script = new ArrayDeque<>();

  /** Holds every check while the endpoint hangs; counted down when the API closes. */
  private final CountDownLatch closed = new CountDownLatch(1);

  private volatile int status = 200;
  private volatile boolean hangs;

  /** These statuses, one per call, then the last one for good. */
  void script(int... statuses) {
    synchronized (script) {
      script.clear();
      for (int i = 0; i < statuses.length - 1; i++) {
        script.add(statuses[i]);
      }
    }
    status = statuses[statuses.length - 1];
  }

  void status(int status) {
    synchronized (script) {
      script.clear();
    }
    this.status = status;
  }

  void hang() {
    hangs = true;
  }

  void answer(HttpExchange ex) throws IOException {
    if (hangs) {
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
      return;
    }
    int next;
    synchronized (script) {
      next = script.isEmpty() ? status : script.removeFirst();
    }
    SimulatedItentialApi.reply(
        ex, next, "{\"status\": \"" + (next == 200 ? "ok" : "failing") + "\"}");
  }

  void close() {
    closed.countDown();
  }
}
