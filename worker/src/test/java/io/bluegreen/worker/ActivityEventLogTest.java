package io.bluegreen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.CopyResult;
import io.bluegreen.workflows.activities.SwitchInput;
import io.bluegreen.workflows.activities.VerifyResult;
import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.WorkerSwitch;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ActivityEventLogTest {
  private static final PlatformSpec BLUE = new PlatformSpec("prod", "itential", "prod", 0, "blue");

  @Test
  void subjectNamesWhatTheActivityWorksOnAndNothingElse() {
    assertEquals(
        " collection=workflows",
        ActivityEventLog.subject(new Object[] {new CopyInput(BLUE, BLUE, "workflows", 1000)}));
    assertEquals(
        " colour=blue switchName=startJobs on=false",
        ActivityEventLog.subject(
            new Object[] {
              new SwitchInput(BLUE, Colour.BLUE, WorkerSwitch.START_JOBS, "startJobs", false)
            }));
  }

  @Test
  void resultsAreScalarKeyValuesWithListsCounted() {
    assertEquals(
        " collection=workflows documents=12000 bytes=3400000 indexes=2",
        ActivityEventLog.fields(new CopyResult("workflows", 12000, 3_400_000, 2), Set.of()));
    assertEquals(
        " documents=12000 bytes=3400000 indexes=2", // the subject is already on the line
        ActivityEventLog.fields(
            new CopyResult("workflows", 12000, 3_400_000, 2), Set.of(), " collection=workflows"));
    String verify =
        ActivityEventLog.fields(
            new VerifyResult(
                "forms", 10, 9, "aa", "bb", 1, 0, 0, List.of("{\"$oid\": \"x\"}"), false),
            Set.of());
    assertTrue(
        verify.contains(" missing=1 ")
            && verify.contains(" sampleIdsCount=1 ")
            && verify.endsWith(" match=false"),
        verify);
  }

  @Test
  void valuesWithSpacesOrQuotesAreQuoted() {
    assertEquals("plain", ActivityEventLog.quote("plain"));
    assertEquals("\"two words\"", ActivityEventLog.quote("two words"));
    assertEquals("\"say \\\"hi\\\"\"", ActivityEventLog.quote("say \"hi\""));
    assertEquals("\"\"", ActivityEventLog.quote(""));
  }

  @Test
  void retryDecisionFollowsNonRetryableAndMaximumAttempts() {
    RetryOptions unlimited = RetryOptions.newBuilder().build();
    RetryOptions three = RetryOptions.newBuilder().setMaximumAttempts(3).build();
    RuntimeException transientError = new IllegalStateException("connection reset");
    assertTrue(ActivityEventLog.willRetry(transientError, info(1, unlimited)));
    assertTrue(ActivityEventLog.willRetry(transientError, info(2, three)));
    assertFalse(ActivityEventLog.willRetry(transientError, info(3, three)));
    assertFalse(
        ActivityEventLog.willRetry(
            ApplicationFailure.newNonRetryableFailure(
                "Blue has no profile 'blue'", "PreflightFailed"),
            info(1, unlimited)));
  }

  /** A malformed logback.xml silently falls back to logback's defaults (DEBUG, every SDK stack). */
  @Test
  void logbackConfigurationParsesWithoutErrorsAndQuietsTheSdksActivityLogger() throws Exception {
    var context = new ch.qos.logback.classic.LoggerContext();
    var configurator = new ch.qos.logback.classic.joran.JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(ActivityEventLogTest.class.getResource("/logback.xml"));
    var errors =
        context.getStatusManager().getCopyOfStatusList().stream()
            .filter(s -> s.getLevel() >= ch.qos.logback.core.status.Status.WARN)
            .toList();
    assertEquals(List.of(), errors);
    assertEquals(
        ch.qos.logback.classic.Level.ERROR,
        context.getLogger("io.temporal.internal.activity").getEffectiveLevel());
    assertEquals(
        ch.qos.logback.classic.Level.INFO,
        context.getLogger("io.bluegreen.activity").getEffectiveLevel());
  }

  private static ActivityInfo info(int attempt, RetryOptions retry) {
    return (ActivityInfo)
        Proxy.newProxyInstance(
            ActivityInfo.class.getClassLoader(),
            new Class<?>[] {ActivityInfo.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getAttempt" -> attempt;
                  case "getRetryOptions" -> retry;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
