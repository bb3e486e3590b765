package io.bluegreen.starter.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.bluegreen.starter.audit.AuditReport.CollectionAudit;
import io.bluegreen.workflows.activities.IdRange;
import io.bluegreen.workflows.activities.VerifyResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an activity's recorded input and result say, for every version of the workflow: v1 verified
 * each collection in its own {@code VerifyCollection}, v2 verifies them all in one {@code
 * VerifyCollections} ({@code {"results": [...]}}). An activity type this class does not know (a
 * newer workflow's) is still shown, generically, and any result shaped like a verification (a
 * collection with Blue and Green counts) still counts as one, so an audit of a newer history loses
 * detail at worst, never the deployment's figures.
 */
final class ActivityResults {
  private ActivityResults() {}

  /** The per-collection verification results an activity's output carries, in any version. */
  static List<JsonNode> verifications(JsonNode out) {
    List<JsonNode> found = new ArrayList<>();
    if (out == null) {
      return found;
    }
    if (isVerification(out)) {
      found.add(out);
    } else if (out.path("results").isArray()) {
      for (JsonNode r : out.get("results")) {
        if (isVerification(r)) {
          found.add(r);
        }
      }
    }
    return found;
  }

  static boolean isVerification(JsonNode n) {
    return n.hasNonNull("collection")
        && n.has("blueDocuments")
        && n.has("greenDocuments")
        && n.has("match");
  }

  /** Folds one activity result into the per-collection figures. */
  static void record(Map<String, CollectionAudit> collections, String activity, JsonNode out) {
    if (out == null) {
      return;
    }
    if (activity.equals("CopyCollection") && out.hasNonNull("collection")) {
      String name = out.get("collection").asText();
      CollectionAudit old = collections.getOrDefault(name, empty(name));
      // A range's copy adds to its collection's count; a whole collection's copy is its count.
      long copied =
          out.path("documents").asLong()
              + (out.hasNonNull("range") && old.copiedDocuments() != null
                  ? old.copiedDocuments()
                  : 0);
      collections.put(
          name,
          new CollectionAudit(
              name,
              copied,
              old.blueDocuments(),
              old.greenDocuments(),
              old.blueDigest(),
              old.greenDigest(),
              old.match()));
      return;
    }
    // The last verification of a collection is its final state (a resync re-verifies). A
    // collection verified range by range reads as one, as the workflow's status shows it.
    Map<String, List<VerifyResult>> byCollection = new LinkedHashMap<>();
    for (JsonNode v : verifications(out)) {
      byCollection
          .computeIfAbsent(v.get("collection").asText(), n -> new ArrayList<>())
          .add(
              new VerifyResult(
                  v.get("collection").asText(),
                  v.path("blueDocuments").asLong(),
                  v.path("greenDocuments").asLong(),
                  v.path("blueDigest").asText(null),
                  v.path("greenDigest").asText(null),
                  0,
                  0,
                  0,
                  List.of(),
                  v.path("match").asBoolean(),
                  v.hasNonNull("range")
                      ? new IdRange(v.get("range").path("index").asInt(), 0, null, null)
                      : null));
    }
    for (Map.Entry<String, List<VerifyResult>> e : byCollection.entrySet()) {
      String name = e.getKey();
      VerifyResult v =
          e.getValue().get(0).range() == null
              ? e.getValue().get(0)
              : VerifyResult.ofRanges(name, e.getValue(), 0);
      CollectionAudit old = collections.getOrDefault(name, empty(name));
      collections.put(
          name,
          new CollectionAudit(
              name,
              old.copiedDocuments(),
              v.blueDocuments(),
              v.greenDocuments(),
              v.blueDigest(),
              v.greenDigest(),
              v.match()));
    }
  }

  private static CollectionAudit empty(String name) {
    return new CollectionAudit(name, null, null, null, null, null, null);
  }

  /**
   * What an activity acted on, from its input: a collection, a batch of collections, a switch or a
   * colour.
   */
  static String subject(JsonNode input) {
    if (input == null) {
      return null;
    }
    for (String f : List.of("collection", "switchName", "colour")) {
      if (input.hasNonNull(f)) {
        return input.get(f).asText();
      }
    }
    if (input.path("collections").isArray() && !input.get("collections").isEmpty()) {
      List<String> names = new ArrayList<>();
      input
          .get("collections")
          .forEach(c -> names.add(c.isTextual() ? c.asText() : text(c, "name")));
      return truncate(String.join(", ", names), 80);
    }
    return null;
  }

  static String text(JsonNode n, String field) {
    return n == null || !n.hasNonNull(field) ? "" : n.get(field).asText();
  }

  static boolean absent(JsonNode n, String field) {
    return n.path(field).isMissingNode() || n.path(field).isNull();
  }

  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }
}
