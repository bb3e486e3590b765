package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.IdRange;
import io.bluegreen.workflows.activities.PreflightInput;
import io.bluegreen.workflows.activities.PreflightReport;
import io.bluegreen.workflows.activities.ProvisionInput;
import io.bluegreen.workflows.activities.ProvisionResult;
import io.bluegreen.workflows.activities.ResyncInput;
import io.bluegreen.workflows.activities.VerifyCollectionsInput;
import io.bluegreen.workflows.activities.VerifyCollectionsResult;
import io.bluegreen.workflows.activities.VerifyResult;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.ExcludedCollection;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.SyncPass;
import io.temporal.workflow.Async;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PREFLIGHT → PROVISIONING → COPYING → VERIFYING: Green is made identical to Blue. History stays
 * O(collections): one copy, one verification and at most a few repairs per collection; progress
 * inside a copy travels in heartbeats, never in events.
 */
final class CopyAndVerify {
  /**
   * Blue is live while Green is verified, so documents may change under us; repair, then give up to
   * the operator.
   */
  static final int MAX_REPAIR_ROUNDS = 3;

  static final int MAX_LISTED_DIFFERENCES = 10;

  private final DeploymentRequest request;
  private final DeploymentState state;

  /** The upgrade's three-way sync: its baseline is recorded once Green is verified. */
  private final ThreeWaySync sync;

  private final RangedCopy rangedCopy;

  CopyAndVerify(DeploymentRequest request, DeploymentState state, ThreeWaySync sync) {
    this.request = request;
    this.state = state;
    this.sync = sync;
    this.rangedCopy = new RangedCopy(request, state);
  }

  void prepareGreen() {
    state.phase(
        Phase.PREFLIGHT,
        "checking Blue "
            + describe(request.blue())
            + " and Green "
            + describe(request.green())
            + " (read-only)");
    PreflightReport plan = ActivityStubs.preflight().preflight(PreflightInput.of(request));
    state.plan(plan);
    state.event(
        "plan: "
            + plan.collections().size()
            + " collections, "
            + plan.totalDocuments()
            + " documents, "
            + plan.totalBytes()
            + " bytes; excluded "
            + excludedNames(plan.excluded()));
    for (String finding : plan.findings()) {
      state.event("preflight: " + finding);
    }
    sync.prepare(state.collectionNames());

    state.phase(
        Phase.PROVISIONING,
        "writing Green's profile '"
            + request.green().profile()
            + "' (switches off) and service configs");
    ProvisionResult provisioned =
        ActivityStubs.provisioning()
            .provisionGreen(
                new ProvisionInput(request.blue(), request.green(), request.switches()));
    state.event(
        "provisioned Green profile '"
            + provisioned.profile()
            + "' and "
            + provisioned.serviceConfigs()
            + " service configs");
    sync.recordConfigBaseline();

    state.phase(
        Phase.COPYING,
        "copying "
            + state.collectionNames().size()
            + " collections, "
            + request.copy().parallelCollections()
            + " at a time");
    rangedCopy.copy(state.collectionNames());

    state.phase(Phase.VERIFYING, "comparing Blue and Green document by document");
    List<String> differing = verifyAndRepair(state.collectionNames());
    if (!differing.isEmpty()) {
      state.event(
          "Green still differs from Blue in "
              + differing
              + " after "
              + MAX_REPAIR_ROUNDS
              + " repairs (Blue is changing); the differing documents stay out of the baseline; the cutover's sync settles them");
    }
    sync.recordBaseline(state.collectionNames());
  }

  /** AWAITING_APPROVAL's resync: a full three-way pass with the decision's conflict policy. */
  void resync(OperatorSignal decision) {
    state.phase(
        Phase.VERIFYING, "resync: three-way sync (Blue's changes follow, Green's own are kept)");
    long conflicts = sync.pass(SyncPass.FULL, sync.policy(decision));
    if (conflicts > 0) {
      state.event(
          conflicts
              + " conflicts remain: resync with --policy blue-wins or green-wins (or per collection), or abort");
    }
  }

  /**
   * Verifies the collections and re-copies the differences until they match or the rounds run out.
   * Returns the collections that still differ.
   */
  private List<String> verifyAndRepair(List<String> names) {
    List<String> toCheck = names;
    for (int round = 0; ; round++) {
      Map<String, VerifyResult> results = verifyTogether(toCheck);
      List<String> differing = new ArrayList<>();
      for (VerifyResult r : results.values()) {
        if (!r.match() && r.missing() == 0 && r.changed() == 0 && !greenMustBeEmpty()) {
          // Only documents Green holds and Blue does not. Those Green held before the copy are its
          // own and kept; any other is one Blue deleted after its copy: bluegreen's, so in the
          // baseline, and the sync deletes it on Green.
          state.event(
              "verified "
                  + r.collection()
                  + ": Blue's "
                  + r.blueDocuments()
                  + " documents identical; Green also holds "
                  + r.extra()
                  + " documents Blue does not: Green's own from before the copy are kept, any Blue deleted since"
                  + " its copy go with the three-way sync");
          continue;
        }
        String inRanges = inRanges(r.collection());
        if (r.match()) {
          state.event(
              "verified "
                  + r.collection()
                  + ": "
                  + r.blueDocuments()
                  + " documents identical"
                  + inRanges
                  + ", digest "
                  + shortDigest(r.blueDigest()));
        } else {
          differing.add(r.collection());
          state.event(
              "differs "
                  + r.collection()
                  + inRanges
                  + ": missing "
                  + r.missing()
                  + ", extra "
                  + r.extra()
                  + ", changed "
                  + r.changed()
                  + " (first _ids "
                  + r.sampleIds()
                  + ")");
        }
      }
      if (differing.isEmpty() || round == MAX_REPAIR_ROUNDS) {
        return differing;
      }
      ParallelCollections.run(
          differing,
          request.copy().parallelCollections(),
          name ->
              Async.function(
                  ActivityStubs.copy("resync " + name)::resyncCollection,
                  // Green-only documents are Green's own only when Green held documents before the
                  // copy;
                  // otherwise they are Blue's deleted since their copy, and the repair deletes them
                  // too.
                  new ResyncInput(request.blue(), request.green(), name, !greenMustBeEmpty())),
          (name, r) ->
              state.event(
                  "resynced "
                      + name
                      + ": inserted "
                      + r.inserted()
                      + ", replaced "
                      + r.replaced()
                      + ", deleted "
                      + r.deleted()));
      toCheck = differing;
    }
  }

  /**
   * All collections in one activity: one verification per collection made a 20-collection history
   * pass 400 events. A collection copied in ranges is compared range by range, each on its own, and
   * reads as one collection in the status.
   */
  private Map<String, VerifyResult> verifyTogether(List<String> names) {
    long documents = 0;
    Map<String, List<IdRange>> ranges = new LinkedHashMap<>();
    for (String name : names) {
      documents += state.documents(name);
      if (rangedCopy.ranges().containsKey(name)) {
        ranges.put(name, rangedCopy.ranges().get(name));
      }
    }
    VerifyCollectionsResult together =
        ActivityStubs.copy("verify " + names.size() + " collections, " + documents + " docs")
            .verifyCollections(
                new VerifyCollectionsInput(
                    request.blue(),
                    request.green(),
                    names,
                    MAX_LISTED_DIFFERENCES,
                    request.copy().parallelCollections(),
                    ranges));
    Map<String, List<VerifyResult>> byCollection = new LinkedHashMap<>();
    for (VerifyResult result : together.results()) {
      byCollection.computeIfAbsent(result.collection(), n -> new ArrayList<>()).add(result);
    }
    Map<String, VerifyResult> results = new LinkedHashMap<>();
    for (Map.Entry<String, List<VerifyResult>> e : byCollection.entrySet()) {
      for (VerifyResult part : e.getValue()) {
        if (part.range() != null && (part.missing() > 0 || part.changed() > 0)) {
          state.event(
              "differs "
                  + e.getKey()
                  + " range "
                  + part.range().label()
                  + ": missing "
                  + part.missing()
                  + ", extra "
                  + part.extra()
                  + ", changed "
                  + part.changed());
        }
      }
      VerifyResult result =
          ranges.containsKey(e.getKey())
              ? VerifyResult.ofRanges(e.getKey(), e.getValue(), MAX_LISTED_DIFFERENCES)
              : e.getValue().get(0);
      state.verified(result);
      results.put(result.collection(), result);
    }
    return results;
  }

  private boolean greenMustBeEmpty() {
    return !Boolean.FALSE.equals(request.copy().greenMustBeEmpty());
  }

  /** How a collection copied (and so verified) in ranges is described in its verification event. */
  private String inRanges(String collection) {
    List<IdRange> ranges = rangedCopy.ranges().get(collection);
    return ranges == null ? "" : " (" + ranges.size() + " _id ranges, each verified on its own)";
  }

  static String describe(PlatformSpec p) {
    return p.database()
        + "@"
        + p.mongo()
        + " / redis "
        + p.redis()
        + " db "
        + p.redisDb()
        + " / profile "
        + p.profile();
  }

  private static String excludedNames(List<ExcludedCollection> excluded) {
    List<String> names = new ArrayList<>();
    for (ExcludedCollection e : excluded) {
      names.add(e.name());
    }
    return names.isEmpty() ? "nothing" : String.join(", ", names);
  }

  private static String shortDigest(String digest) {
    return digest == null || digest.length() < 12
        ? String.valueOf(digest)
        : digest.substring(0, 12);
  }
}
