package io.bluegreen.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.ActivityWorkerShutdownException;
import io.temporal.common.RetryOptions;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line in key=value form when an activity starts and when it ends (copy, verify, resync
 * per collection with counts and duration; switch and traffic changes with before/after), so an
 * operator can grep the worker's log. A failure that Temporal will retry is one INFO line without a
 * stack trace (the SDK's own WARN with stack is turned down in logback.xml); a failure that ends
 * the activity for good is one WARN line.
 *
 * <p>Only top-level scalar fields of inputs and results are logged: connection names, collection
 * names, counts, colours. Platform specs (nested objects) and lists are left out, and connections
 * are names, never URIs, so nothing secret can reach the log.
 */
final class ActivityEventLog extends WorkerInterceptorBase {
  static final Logger LOG = LoggerFactory.getLogger("io.bluegreen.activity");
  private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

  /** Input fields that say what an activity works on; the rest of an input is configuration. */
  private static final Set<String> SUBJECT_FIELDS =
      Set.of("collection", "colour", "switchName", "on", "key");

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityContextInterceptor(next) {
      @Override
      public ActivityOutput execute(ActivityInput input) {
        ActivityInfo info = context.getInfo();
        String subject = subject(input.getArguments());
        String head =
            "activity=" + info.getActivityType() + " workflowId=" + info.getWorkflowId() + subject;
        long started = System.nanoTime();
        LOG.info("{} event=start attempt={}", head, info.getAttempt());
        try {
          ActivityOutput out = super.execute(input);
          if (!context.isDoNotCompleteOnReturn()) {
            LOG.info(
                "{} event=finish durationMs={}{}",
                head,
                millis(started),
                fields(out.getResult(), Set.of(), subject));
          }
          return out;
        } catch (ActivityWorkerShutdownException e) {
          // SIGTERM: the activity stopped at a heartbeat; another worker resumes it from there.
          LOG.info(
              "{} event=stopped attempt={} durationMs={} reason=\"worker shutting down; retried on another worker\"",
              head,
              info.getAttempt(),
              millis(started));
          throw e;
        } catch (RuntimeException e) {
          if (willRetry(e, info)) {
            LOG.info(
                "{} event=retry attempt={} durationMs={} error={}",
                head,
                info.getAttempt(),
                millis(started),
                quote(oneLine(e)));
          } else {
            LOG.warn(
                "{} event=failed attempt={} durationMs={} error={}",
                head,
                info.getAttempt(),
                millis(started),
                quote(oneLine(e)));
          }
          throw e;
        }
      }
    };
  }

  /** Whether Temporal will run the activity again after this failure (cancellation aside). */
  static boolean willRetry(Throwable e, ActivityInfo info) {
    if (e instanceof ApplicationFailure a && a.isNonRetryable()) {
      return false;
    }
    RetryOptions retry = info.getRetryOptions();
    if (retry == null) {
      return true;
    }
    if (retry.getMaximumAttempts() > 0 && info.getAttempt() >= retry.getMaximumAttempts()) {
      return false;
    }
    String type = e instanceof ApplicationFailure a ? a.getType() : e.getClass().getName();
    String[] never = retry.getDoNotRetry();
    return never == null || !List.of(never).contains(type);
  }

  static String subject(Object[] args) {
    if (args == null || args.length == 0) {
      return "";
    }
    return fields(args[0], SUBJECT_FIELDS, "");
  }

  static String fields(Object value, Set<String> only) {
    return fields(value, only, "");
  }

  /**
   * " k=v k=v" for the scalar top-level fields of a record ({@code only} empty: all of them),
   * leaving out pairs already in {@code already} (the subject repeated in a result).
   */
  static String fields(Object value, Set<String> only, String already) {
    if (value == null) {
      return "";
    }
    JsonNode tree;
    try {
      tree = MAPPER.valueToTree(value);
    } catch (RuntimeException e) {
      return "";
    }
    if (!tree.isObject()) {
      return tree.isValueNode() ? " result=" + quote(tree.asText()) : "";
    }
    StringBuilder sb = new StringBuilder();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if ((only.isEmpty() || only.contains(f.getKey())) && f.getValue().isValueNode()) {
        String pair =
            " " + f.getKey() + "=" + quote(f.getValue().isNull() ? "null" : f.getValue().asText());
        if (!(already + " ").contains(pair + " ")) {
          sb.append(pair);
        }
      } else if (only.isEmpty() && f.getValue().isArray()) {
        // Lists (planned collections, sample _ids) would swamp the line; their size is what counts.
        sb.append(' ').append(f.getKey()).append("Count=").append(f.getValue().size());
      }
    }
    return sb.toString();
  }

  static String quote(String s) {
    if (!s.isEmpty() && s.chars().noneMatch(c -> c == ' ' || c == '"' || c == '=' || c < 0x20)) {
      return s;
    }
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + '"';
  }

  private static String oneLine(Throwable e) {
    String m = e instanceof ApplicationFailure a ? a.getOriginalMessage() : e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    return m.lines().findFirst().orElse(m);
  }

  private static long millis(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
