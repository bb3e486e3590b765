package io.bluegreen.starter.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.bluegreen.starter.Json;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit of one deployment, built only from its workflow history, so it can be produced after
 * the workflow closed and with no worker running. The JSON form of this record is the stable
 * structure `audit --format json` prints (documented in docs/operations.md). {@link HistoryReader}
 * builds it; {@link MarkdownAudit} and {@link HtmlAudit} render it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditReport(
    int formatVersion,
    String workflowId,
    String runId,
    String workflowType,
    String outcome,
    String startedAt,
    String closedAt,
    JsonNode request,
    List<OperatorAction> operatorActions,
    List<CollectionAudit> collections,
    List<PhaseSpan> phases,
    List<SwitchChange> switchChanges,
    List<TrafficChange> trafficChanges,
    List<ActivityTrouble> retries,
    List<Entry> timeline,
    JsonNode result,
    String failure,
    List<BlueJobsAudit> blueJobs) {

  /**
   * Blue's unfinished jobs as the cutover met them: what the drain found when it ended ({@code
   * activity} WaitForDrain: {@code total}, {@code byStatus}, the first 100 {@code ids}), or what
   * was cancelled through Blue's API (CancelBlueJobs: {@code cancelled}, {@code calls}, the first
   * 100 {@code ids}, {@code failures}).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BlueJobsAudit(
      String time,
      String activity,
      Long total,
      Map<String, Long> byStatus,
      List<String> ids,
      Long cancelled,
      Integer calls,
      List<String> failures) {}

  /**
   * How long the deployment spent in a phase; {@code endedAt}/{@code seconds} are null while in it.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PhaseSpan(String phase, String startedAt, String endedAt, Double seconds) {}

  /** A switch the deployment set in a profile, with the value it had before (null when absent). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SwitchChange(
      String time, String colour, String switchName, Boolean previous, boolean on) {}

  /** The traffic key moved from {@code previous} (null when unset) to {@code colour}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TrafficChange(String time, String key, String previous, String colour) {}

  /**
   * An activity that needed more than one attempt or did not complete: {@code attempts} comes from
   * the ActivityTaskStarted event (Temporal records only the last attempt there), {@code outcome}
   * is completed, failed or timedOut, {@code lastFailure} the failure that caused the last retry.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ActivityTrouble(
      long scheduledEventId,
      String activity,
      String subject,
      int attempts,
      String outcome,
      String lastFailure,
      String time) {}

  /** One history event worth an auditor's time. {@code details} is the decoded payload. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(
      long eventId, String time, String kind, String name, String summary, JsonNode details) {}

  /**
   * A decision an operator sent, as a {@code signal} or an {@code update} ({@code via}); the field
   * {@code signal} names the decision either way. {@code accepted} is null while the workflow has
   * not said; an update carries the workflow's answer itself.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OperatorAction(
      String signal,
      String by,
      String reason,
      String time,
      Boolean accepted,
      String note,
      String via) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CollectionAudit(
      String name,
      Long copiedDocuments,
      Long blueDocuments,
      Long greenDocuments,
      String blueDigest,
      String greenDigest,
      Boolean match) {}

  public static final int FORMAT_VERSION = 1;

  /**
   * @param finalStatus the workflow's result if it closed with one, else (optionally) a live
   *     status; only used to tell which signals were accepted
   */
  public static AuditReport from(
      WorkflowExecutionHistory history,
      DataConverter converter,
      Optional<DeploymentStatus> finalStatus) {
    return new HistoryReader(converter).read(history, finalStatus);
  }

  /** The same report for the run the server named: a fetched history does not carry its run ID. */
  public AuditReport withRunId(String id) {
    return new AuditReport(
        formatVersion,
        workflowId,
        id,
        workflowType,
        outcome,
        startedAt,
        closedAt,
        request,
        operatorActions,
        collections,
        phases,
        switchChanges,
        trafficChanges,
        retries,
        timeline,
        result,
        failure,
        blueJobs);
  }

  public String toJson() {
    return Json.pretty(this);
  }

  public String toMarkdown() {
    return MarkdownAudit.render(this);
  }

  public String toHtml() {
    return HtmlAudit.render(this);
  }
}
