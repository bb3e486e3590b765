package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;
import java.util.List;

/**
 * The plan preflight records: what will be copied, what is left out and why, what it noticed, and
 * the Itential release of each platform (read from its API, else as the request gives it; null when
 * neither says), and Green's own configuration as provisioning will write it, as the fields that
 * differ from Blue's. {@code blueJobs}: Blue's jobs that are neither complete nor canceled, by
 * status (those not running stay on Blue at the cutover unless {@code cutover.blueJobs} cancels
 * them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreflightReport(
    @JsonProperty("collections") List<PlannedCollection> collections,
    @JsonProperty("excluded") List<ExcludedCollection> excluded,
    @JsonProperty("totalDocuments") long totalDocuments,
    @JsonProperty("totalBytes") long totalBytes,
    @JsonProperty("findings") List<String> findings,
    @JsonProperty("blueRelease") String blueRelease,
    @JsonProperty("greenRelease") String greenRelease,
    @JsonProperty("greenConfiguration") List<ConfigDifference> greenConfiguration,
    @JsonProperty("blueJobs") BlueJobs blueJobs) {

  public PreflightReport(
      List<PlannedCollection> collections,
      List<ExcludedCollection> excluded,
      long totalDocuments,
      long totalBytes,
      List<String> findings,
      String blueRelease,
      String greenRelease,
      List<ConfigDifference> greenConfiguration) {
    this(
        collections,
        excluded,
        totalDocuments,
        totalBytes,
        findings,
        blueRelease,
        greenRelease,
        greenConfiguration,
        null);
  }

  public PreflightReport(
      List<PlannedCollection> collections,
      List<ExcludedCollection> excluded,
      long totalDocuments,
      long totalBytes,
      List<String> findings) {
    this(collections, excluded, totalDocuments, totalBytes, findings, null, null, null);
  }

  public PreflightReport(
      List<PlannedCollection> collections,
      List<ExcludedCollection> excluded,
      long totalDocuments,
      long totalBytes,
      List<String> findings,
      String blueRelease,
      String greenRelease) {
    this(
        collections,
        excluded,
        totalDocuments,
        totalBytes,
        findings,
        blueRelease,
        greenRelease,
        null);
  }
}
