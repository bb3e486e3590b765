package io.bluegreen.worker;

import io.bluegreen.workflows.SearchAttributes;
import io.bluegreen.workflows.activities.SwitchInput;
import io.bluegreen.workflows.activities.SwitchResult;
import io.bluegreen.workflows.activities.TrafficInput;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Feeds {@link WorkerMetrics} from what passes through the worker: every activity attempt's outcome
 * and failure type, switch and traffic changes from their activities' inputs and results, and the
 * deployment's phase from the workflow's own {@code BlueGreenPhase} search-attribute updates (seen
 * on their way out of the workflow code, so the workflow needs no change and no extra activity;
 * replays re-apply them in order, ending at the current phase).
 */
final class MetricsInterceptor extends WorkerInterceptorBase {
  private final WorkerMetrics metrics;

  MetricsInterceptor(WorkerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityContextInterceptor(next) {
      @Override
      public ActivityOutput execute(ActivityInput input) {
        ActivityInfo info = context.getInfo();
        String activity = info.getActivityType();
        long started = System.nanoTime();
        try {
          ActivityOutput out = super.execute(input);
          metrics.activityEnded(activity, "completed", since(started));
          observe(info.getWorkflowId(), input.getArguments(), out.getResult());
          return out;
        } catch (RuntimeException e) {
          boolean retry = ActivityEventLog.willRetry(e, info);
          metrics.activityEnded(activity, retry ? "retry" : "failed", since(started));
          metrics.activityFailed(activity, failureType(e), retry);
          throw e;
        }
      }
    };
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outbound) {
        super.init(
            new WorkflowOutboundCallsInterceptorBase(outbound) {
              @Override
              public void upsertTypedSearchAttributes(SearchAttributeUpdate<?>... updates) {
                for (SearchAttributeUpdate<?> update : updates) {
                  if (update.getKey().getName().equals(SearchAttributes.PHASE.getName())) {
                    update
                        .getValue()
                        .ifPresent(
                            phase ->
                                metrics.phase(
                                    Workflow.getInfo().getWorkflowId(), phase.toString()));
                  }
                }
                super.upsertTypedSearchAttributes(updates);
              }
            });
      }
    };
  }

  private void observe(String workflowId, Object[] args, Object result) {
    Object in = args != null && args.length > 0 ? args[0] : null;
    if (in instanceof SwitchInput s && result instanceof SwitchResult r) {
      metrics.switchSet(workflowId, s.colour().wire(), s.switchName().wire(), r.previous(), r.on());
    } else if (in instanceof TrafficInput t) {
      metrics.trafficPointed(workflowId, t.colour().wire());
    }
  }

  static String failureType(Throwable e) {
    if (e instanceof ApplicationFailure a && a.getType() != null) {
      return a.getType();
    }
    return e.getClass().getSimpleName();
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
