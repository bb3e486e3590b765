package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.activities.ConfigChange;
import io.bluegreen.workflows.activities.SyncConflict;
import java.util.List;

/**
 * What the {@code status} query returns, and the workflow's result when it ends. {@code
 * failoverUntil} is when Blue stops being the failover (set while LIVE). {@code approvals} and
 * {@code rejections} keep the latest {@value #MAX_DECISIONS_LISTED} each, so the status stays far
 * below Temporal's payload limit whatever a client sends; {@code approvalsTotal} and {@code
 * rejectionsTotal} count them all. {@code restore} reports the last restore of Blue. {@code
 * greenMayStart}: Green's baseline is recorded, so Green may be started on its new release (its own
 * changes are kept from then on); {@code conflicts} (the first 20) and {@code conflictsTotal}: what
 * the last sync pass found both sides changed; {@code configChanges}: Blue's profile and service
 * configs changed since provisioning, for the operator to decide. {@code blueRelease} and {@code
 * greenRelease} are the platforms' Itential releases as preflight found them. {@code liveChanges}:
 * Blue's documents changed after the final pass, carried to Green or reported ({@link
 * LiveChanges}). {@code blueJobs}: Blue's unfinished jobs when the drain ended, and whether they
 * stay on Blue or were cancelled. {@code greenChanges}: what was done on Green after the cutover
 * (from LIVE on, and at a rollback), and every carry-back of it to Blue.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentStatus(
    @JsonProperty("deployment") String deployment,
    @JsonProperty("phase") Phase phase,
    @JsonProperty("blue") PlatformSpec blue,
    @JsonProperty("green") PlatformSpec green,
    @JsonProperty("activeColour") Colour activeColour,
    @JsonProperty("collections") List<CollectionProgress> collections,
    @JsonProperty("excluded") List<ExcludedCollection> excluded,
    @JsonProperty("approvals") List<SignalRecord> approvals,
    @JsonProperty("rejections") List<SignalRecord> rejections,
    @JsonProperty("events") List<DeploymentEvent> events,
    @JsonProperty("waitingFor") String waitingFor,
    @JsonProperty("error") String error,
    @JsonProperty("failoverUntil") String failoverUntil,
    @JsonProperty("approvalsTotal") Integer approvalsTotal,
    @JsonProperty("rejectionsTotal") Integer rejectionsTotal,
    @JsonProperty("restore") RestoreReport restore,
    @JsonProperty("conflicts") List<SyncConflict> conflicts,
    @JsonProperty("conflictsTotal") Long conflictsTotal,
    @JsonProperty("configChanges") List<ConfigChange> configChanges,
    @JsonProperty("greenMayStart") Boolean greenMayStart,
    @JsonProperty("blueRelease") String blueRelease,
    @JsonProperty("greenRelease") String greenRelease,
    @JsonProperty("liveChanges") LiveChanges liveChanges,
    @JsonProperty("blueJobs") BlueJobsReport blueJobs,
    @JsonProperty("greenChanges") GreenChanges greenChanges) {
  public static final int MAX_DECISIONS_LISTED = 100;

  /** A status without the fields that a deployment's later steps add. */
  public DeploymentStatus(
      String deployment,
      Phase phase,
      PlatformSpec blue,
      PlatformSpec green,
      Colour activeColour,
      List<CollectionProgress> collections,
      List<ExcludedCollection> excluded,
      List<SignalRecord> approvals,
      List<SignalRecord> rejections,
      List<DeploymentEvent> events,
      String waitingFor,
      String error) {
    this(
        deployment,
        phase,
        blue,
        green,
        activeColour,
        collections,
        excluded,
        approvals,
        rejections,
        events,
        waitingFor,
        error,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
