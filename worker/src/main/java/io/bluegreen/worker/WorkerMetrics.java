package io.bluegreen.worker;

import io.bluegreen.activities.copy.CopyMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bluegreen's own metrics, in the registry that also holds the Temporal SDK's: what the copy engine
 * reports ({@link CopyMetrics}), and what the worker's interceptors see of activities and of the
 * workflow's phase. docs/operations.md lists every name.
 */
final class WorkerMetrics implements CopyMetrics {
  private final MeterRegistry registry;
  private final Map<String, CopyRate> rates = new ConcurrentHashMap<>();
  private final Map<String, String> phases = new ConcurrentHashMap<>();
  private final Map<String, Boolean> phaseGauges = new ConcurrentHashMap<>();

  WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  MeterRegistry registry() {
    return registry;
  }

  @Override
  public void copied(String workflowId, String collection, long documents, long bytes) {
    counter(
            "bluegreen.copy.documents",
            "Documents written to Green by copies",
            workflowId,
            collection)
        .increment(documents);
    counter("bluegreen.copy.bytes", "BSON bytes written to Green by copies", workflowId, collection)
        .increment(bytes);
    rate(workflowId, collection).add(documents);
  }

  @Override
  public void copyEnded(String workflowId, String collection) {
    CopyRate rate = rates.get(workflowId + '\u0000' + collection);
    if (rate != null) {
      rate.end();
    }
  }

  @Override
  public void verified(String workflowId, String collection, long documents, long bytes) {
    counter(
            "bluegreen.verify.documents",
            "Blue documents read and compared by verifications",
            workflowId,
            collection)
        .increment(documents);
    counter(
            "bluegreen.verify.bytes",
            "Blue BSON bytes read and compared by verifications",
            workflowId,
            collection)
        .increment(bytes);
  }

  @Override
  public void differences(String workflowId, String collection, String kind, long count) {
    Counter.builder("bluegreen.verify.differences")
        .description("Documents found different between Blue and Green by verifications")
        .tags("workflow_id", workflowId, "collection", collection, "kind", kind)
        .register(registry)
        .increment(count);
  }

  @Override
  public void conflict(String workflowId, String collection) {
    counter(
            "bluegreen.copy.conflicts",
            "Copies stopped by a different document on Green under a unique key",
            workflowId,
            collection)
        .increment();
  }

  /** A switch set by an activity; counted as a change only when its value changed. */
  void switchSet(
      String workflowId, String colour, String switchName, Boolean previous, boolean on) {
    if (previous != null && previous == on) {
      return;
    }
    Counter.builder("bluegreen.switch.changes")
        .description("Platform switches (startJobs, taskWorker) turned on or off")
        .tags(
            "workflow_id",
            workflowId,
            "colour",
            colour,
            "switch",
            switchName,
            "on",
            String.valueOf(on))
        .register(registry)
        .increment();
  }

  /** The traffic key pointed at a colour. */
  void trafficPointed(String workflowId, String colour) {
    Counter.builder("bluegreen.traffic.changes")
        .description("Traffic key writes, by the colour it now names")
        .tags("workflow_id", workflowId, "colour", colour)
        .register(registry)
        .increment();
  }

  /** One activity attempt ended: {@code outcome} completed, retry or failed. */
  void activityEnded(String activity, String outcome, Duration took) {
    Timer.builder("bluegreen.activity.duration")
        .description(
            "Activity attempts by outcome (completed, retry: will run again, failed: for good)")
        .tags("activity", activity, "outcome", outcome)
        .register(registry)
        .record(took);
  }

  /** An activity attempt failed; {@code type} is the failure type (or the exception's class). */
  void activityFailed(String activity, String type, boolean willRetry) {
    Counter.builder("bluegreen.activity.failures")
        .description("Failed activity attempts by failure type")
        .tags("activity", activity, "type", type, "retried", String.valueOf(willRetry))
        .register(registry)
        .increment();
  }

  /** The deployment's phase as the workflow recorded it (its BlueGreenPhase search attribute). */
  void phase(String workflowId, String phase) {
    phases.put(workflowId, phase);
    phaseGauges.computeIfAbsent(
        workflowId + '\u0000' + phase,
        key -> {
          Gauge.builder(
                  "bluegreen.deployment.phase",
                  phases,
                  p -> phase.equals(p.get(workflowId)) ? 1 : 0)
              .description("1 for the phase a deployment is in, 0 for phases it was in before")
              .tags("workflow_id", workflowId, "phase", phase)
              .register(registry);
          return Boolean.TRUE;
        });
  }

  private Counter counter(String name, String description, String workflowId, String collection) {
    return Counter.builder(name)
        .description(description)
        .tags("workflow_id", workflowId, "collection", collection)
        .register(registry);
  }

  private CopyRate rate(String workflowId, String collection) {
    return rates.computeIfAbsent(
        workflowId + '\u0000' + collection,
        key -> {
          CopyRate rate = new CopyRate();
          Gauge.builder("bluegreen.copy.rate", rate, CopyRate::documentsPerSecond)
              .description(
                  "Documents per second of the running copy attempt of a collection (0 when none runs)")
              .baseUnit("documents.per.second")
              .tags("workflow_id", workflowId, "collection", collection)
              .register(registry);
          return rate;
        });
  }

  /** Documents copied since the running attempt's first batch, over the time since. */
  static final class CopyRate {
    private final AtomicLong documents = new AtomicLong();
    private volatile long startedNanos;
    private volatile boolean running;

    synchronized void add(long n) {
      if (!running) {
        running = true;
        documents.set(0);
        startedNanos = System.nanoTime();
      }
      documents.addAndGet(n);
    }

    synchronized void end() {
      running = false;
    }

    double documentsPerSecond() {
      if (!running) {
        return 0;
      }
      double seconds = (System.nanoTime() - startedNanos) / 1e9;
      return seconds <= 0 ? 0 : documents.get() / seconds;
    }
  }
}
