package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One collection of the plan as the {@code status} query shows it.
 *
 * @param documents Blue's document count when the plan was made
 * @param copied documents written to Green by the last finished copy (live progress of a running
 *     copy is in its activity heartbeat, not in history)
 * @param verified documents compared by the last verification
 * @param match whether the last verification found Green identical to Blue; null before one ran
 * @param carriedInserted documents Blue inserted after the baseline, carried to Green (all sync
 *     passes)
 * @param greenKept Green's own changes (its new release's migrations) kept, as the last full pass
 *     counted them
 * @param conflicts documents both sides changed differently, as the last pass found them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CollectionProgress(
    @JsonProperty("name") String name,
    @JsonProperty("documents") long documents,
    @JsonProperty("bytes") long bytes,
    @JsonProperty("copied") long copied,
    @JsonProperty("verified") long verified,
    @JsonProperty("match") Boolean match,
    @JsonProperty("blueDigest") String blueDigest,
    @JsonProperty("greenDigest") String greenDigest,
    @JsonProperty("differences") Long differences,
    @JsonProperty("carriedInserted") Long carriedInserted,
    @JsonProperty("carriedUpdated") Long carriedUpdated,
    @JsonProperty("carriedDeleted") Long carriedDeleted,
    @JsonProperty("greenKept") Long greenKept,
    @JsonProperty("conflicts") Long conflicts,
    @JsonProperty("note") String note) {

  public CollectionProgress(
      String name,
      long documents,
      long bytes,
      long copied,
      long verified,
      Boolean match,
      String blueDigest,
      String greenDigest,
      Long differences) {
    this(
        name,
        documents,
        bytes,
        copied,
        verified,
        match,
        blueDigest,
        greenDigest,
        differences,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** This collection after a verification. */
  public CollectionProgress verified(
      long verified, Boolean match, String blueDigest, String greenDigest, Long differences) {
    return new CollectionProgress(
        name,
        documents,
        bytes,
        copied,
        verified,
        match,
        blueDigest,
        greenDigest,
        differences,
        carriedInserted,
        carriedUpdated,
        carriedDeleted,
        greenKept,
        conflicts,
        note);
  }

  /** This collection after a copy. */
  public CollectionProgress copied(long copied) {
    return new CollectionProgress(
        name,
        documents,
        bytes,
        copied,
        verified,
        match,
        blueDigest,
        greenDigest,
        differences,
        carriedInserted,
        carriedUpdated,
        carriedDeleted,
        greenKept,
        conflicts,
        note);
  }

  /**
   * This collection after a sync pass: the counts add up over passes, conflicts are the latest
   * pass's.
   */
  public CollectionProgress synced(
      long inserted, long updated, long deleted, long kept, long conflictsNow, String noteNow) {
    return new CollectionProgress(
        name,
        documents,
        bytes,
        copied,
        verified,
        match,
        blueDigest,
        greenDigest,
        differences,
        add(carriedInserted, inserted),
        add(carriedUpdated, updated),
        add(carriedDeleted, deleted),
        kept > 0 || greenKept != null ? Math.max(kept, greenKept == null ? 0 : greenKept) : 0L,
        conflictsNow,
        noteNow);
  }

  private static Long add(Long total, long more) {
    return (total == null ? 0 : total) + more;
  }
}
