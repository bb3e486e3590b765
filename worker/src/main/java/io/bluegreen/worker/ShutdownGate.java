package io.bluegreen.worker;

import io.temporal.client.ActivityWorkerShutdownException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;

/**
 * Once the worker is draining, hands every activity it still receives straight back. A poll that
 * was waiting on the server when SIGTERM came can still deliver a task (the retry of a copy this
 * very worker just stopped, typically); without the gate the worker would start it, spend seconds
 * on indexes and the first batch, and stop it again at its first heartbeat. Given back at once,
 * with the failure a heartbeat would report, Temporal retries it on another worker after the usual
 * backoff, and its checkpoint stays as the server has it.
 */
final class ShutdownGate extends WorkerInterceptorBase {
  private volatile boolean closed;

  /** From now on no activity starts on this worker. */
  void close() {
    closed = true;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityContextInterceptor(next) {
      @Override
      public ActivityOutput execute(ActivityInput input) {
        if (closed) {
          throw new ActivityWorkerShutdownException(context.getInfo());
        }
        return super.execute(input);
      }
    };
  }
}
