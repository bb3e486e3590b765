package io.bluegreen.starter.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.bluegreen.starter.Json;
import io.bluegreen.starter.StatusTable;
import java.util.ArrayList;
import java.util.List;

/**
 * One line per completed activity for the audit's timeline, from its recorded result (what {@link
 * ActivityResults} reads of it): verifications, copies, switches, syncs, baselines, Green's changes
 * and Blue's late ones; an activity this version does not know is shown by its truncated result.
 */
final class ActivitySummaries {
  private ActivitySummaries() {}

  /** One line for the timeline; unknown activities are summarized by their (truncated) result. */
  static String summarize(String activity, JsonNode out) {
    if (out == null || out.isNull()) {
      return activity + " completed";
    }
    List<JsonNode> verified = ActivityResults.verifications(out);
    if (verified.size() == 1 && ActivityResults.isVerification(out)) {
      return verifiedOne(out);
    }
    if (!verified.isEmpty()) {
      return verifiedMany(verified);
    }
    return switch (activity) {
      case "DiffGreen" ->
          "Green since the cutover: "
              + out.path("created").asLong()
              + " created, "
              + out.path("changed").asLong()
              + " changed, "
              + out.path("deleted").asLong()
              + " deleted";
      case "CarryBack" ->
          "carried back to Blue: "
              + out.path("inserted").asLong()
              + " inserted, "
              + out.path("updated").asLong()
              + " updated, "
              + out.path("deleted").asLong()
              + " deleted; "
              + out.path("conflicts").asLong()
              + " conflicts left as they are";
      case "CopyCollection" ->
          "copied "
              + ActivityResults.text(out, "collection")
              + ": "
              + out.path("documents").asLong()
              + " documents, "
              + out.path("indexes").asInt()
              + " indexes";
      case "SetSwitch" ->
          ActivityResults.text(out, "colour")
              + " "
              + ActivityResults.text(out, "switchName")
              + ": "
              + (ActivityResults.absent(out, "previous") ? "unset" : out.path("previous").asText())
              + " -> "
              + out.path("on").asBoolean();
      case "PointTraffic" ->
          "traffic: "
              + (ActivityResults.absent(out, "previous")
                  ? "unset"
                  : ActivityResults.text(out, "previous"))
              + " -> "
              + ActivityResults.text(out, "colour");
      case "ResyncCollection" ->
          "resynced "
              + ActivityResults.text(out, "collection")
              + ": "
              + out.path("inserted").asLong()
              + " inserted, "
              + out.path("replaced").asLong()
              + " replaced, "
              + out.path("deleted").asLong()
              + " deleted";
      case "Preflight" ->
          "preflight passed: "
              + out.path("collections").size()
              + " collections to copy ("
              + sum(out.path("collections"), "documents")
              + " documents), "
              + out.path("excluded").size()
              + " left out";
      case "ProvisionGreen" ->
          "provisioned Green: profile "
              + ActivityResults.text(out, "profile")
              + ", "
              + out.path("serviceConfigs").asInt()
              + " service configs";
      case "WaitForDrain" ->
          out.path("drained").asBoolean()
              ? "Blue drained: no running jobs"
              : "Blue still runs " + out.path("runningJobs").asLong() + " jobs (drain timeout)";
      case "SyncCollections" -> synced(out);
      case "CatchUpBlue" -> LiveChangesAudit.timeline(out);
      case "RecordBaseline" ->
          "baseline recorded: "
              + out.path("collections").size()
              + " collections, "
              + sum(out.path("collections"), "recorded")
              + " documents as bluegreen wrote them to Green, "
              + sum(out.path("collections"), "differing")
              + " of Green's own left out";
      case "PrepareBaseline" ->
          "other runs' baselines for Green's database: "
              + (out.path("staleBaselines").isEmpty()
                  ? "none"
                  : "dropped " + out.path("staleBaselines").size())
              + "; Green's own documents recorded: "
              + out.path("greenOwnDocuments").asLong();
      case "RecordConfigBaseline" ->
          "configuration baseline recorded: profile "
              + (out.path("profile").asBoolean() ? "yes" : "no")
              + ", "
              + out.path("serviceConfigs").asInt()
              + " service configs";
      case "DropBaseline" -> "baseline dropped: " + out.path("dropped").asInt() + " collections";
      default -> activity + " completed: " + ActivityResults.truncate(Json.compact(out), 160);
    };
  }

  /** SyncCollections (a resync since the baseline): what changed on Green, and the conflicts. */
  private static String synced(JsonNode out) {
    JsonNode cs = out.path("collections");
    return "synced "
        + cs.size()
        + " collections"
        + (out.hasNonNull("pass") ? " (" + ActivityResults.text(out, "pass") + " pass)" : "")
        + ": "
        + sum(cs, "inserted")
        + " inserted, "
        + sum(cs, "updated")
        + " updated, "
        + sum(cs, "deleted")
        + " deleted on Green, "
        + sum(cs, "greenKept")
        + " Green changes kept, "
        + out.path("totalConflicts").asLong()
        + " conflicts ("
        + sum(cs, "resolved")
        + " resolved)";
  }

  private static long sum(JsonNode items, String field) {
    long n = 0;
    for (JsonNode i : items) {
      n += i.path(field).asLong();
    }
    return n;
  }

  private static String verifiedOne(JsonNode out) {
    return "verified "
        + ActivityResults.text(out, "collection")
        + ": Blue "
        + out.path("blueDocuments").asLong()
        + " / Green "
        + out.path("greenDocuments").asLong()
        + " documents, "
        + (out.path("match").asBoolean() ? "match" : "DIFFER (" + differences(out) + ")")
        + ", digest "
        + StatusTable.prefix(ActivityResults.text(out, "blueDigest"));
  }

  private static String verifiedMany(List<JsonNode> results) {
    long blue = 0;
    long green = 0;
    List<String> differing = new ArrayList<>();
    for (JsonNode r : results) {
      blue += r.path("blueDocuments").asLong();
      green += r.path("greenDocuments").asLong();
      if (!r.path("match").asBoolean()) {
        differing.add(ActivityResults.text(r, "collection") + " (" + differences(r) + ")");
      }
    }
    return "verified "
        + results.size()
        + " collections: Blue "
        + blue
        + " / Green "
        + green
        + " documents, "
        + (differing.isEmpty()
            ? "all match"
            : differing.size() + " DIFFER: " + String.join(", ", differing));
  }

  private static String differences(JsonNode r) {
    return "missing "
        + r.path("missing").asLong()
        + ", extra "
        + r.path("extra").asLong()
        + ", changed "
        + r.path("changed").asLong();
  }
}
