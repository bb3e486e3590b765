package io.bluegreen.workflows;

import static io.bluegreen.workflows.DeploymentFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.bluegreen.workflows.activities.CopyInput;
import io.bluegreen.workflows.activities.CopyResult;
import io.bluegreen.workflows.activities.IdRange;
import io.bluegreen.workflows.activities.RangeSplit;
import io.bluegreen.workflows.activities.RangeSplitInput;
import io.bluegreen.workflows.activities.ResyncInput;
import io.bluegreen.workflows.activities.VerifyCollectionsInput;
import io.bluegreen.workflows.activities.VerifyCollectionsResult;
import io.bluegreen.workflows.activities.VerifyResult;
import io.bluegreen.workflows.model.ApprovalOptions;
import io.bluegreen.workflows.model.CollectionProgress;
import io.bluegreen.workflows.model.CopyOptions;
import io.bluegreen.workflows.model.DeploymentEvent;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/**
 * A collection at or above {@code copy.rangeThreshold} documents is split into {@code _id} ranges
 * copied in parallel within the {@code parallelCollections} slots; a failed range is retried alone;
 * each range is verified on its own, and the status reads one collection (sums of its ranges).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RangedCopyWorkflowTest {
  @RegisterExtension final DeploymentFixture fixture = new DeploymentFixture();

  static final PlatformSpec BLUE =
      new PlatformSpec("bluemongo", "itential", "blueredis", 0, "blue");
  static final PlatformSpec GREEN =
      new PlatformSpec("greenmongo", "itential_green", "greenredis", 3, "green");
  static final int SLOTS = 3;

  /** jobs is large (split in 4), forms small, tasks at the threshold exactly (split too). */
  static Map<String, Long> blueCollections() {
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("jobs", 4000L);
    c.put("forms", 40L);
    c.put("tasks", 1000L);
    return c;
  }

  static DeploymentRequest request() {
    return new DeploymentRequest(
        "ranges-test",
        BLUE,
        GREEN,
        null,
        new Switches("workers.jobs", "workers.tasks"),
        new CopyOptions(100, SLOTS, true, 0, 1000, 4),
        new ApprovalOptions("PT1H"),
        null,
        "PT1H");
  }

  /** Four ranges with bounds of mixed types, as a split of ids of several types gives them. */
  static List<IdRange> ranges() {
    List<String> bounds =
        List.of(
            "{\"_id\": 1500}",
            "{\"_id\": \"job-2\"}",
            "{\"_id\": {\"$oid\": \"65f000000000000000000001\"}}");
    List<IdRange> out = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      out.add(new IdRange(k, 4, k == 0 ? null : bounds.get(k - 1), k == 3 ? null : bounds.get(k)));
    }
    return out;
  }

  /** Each range copies a quarter of its collection. */
  static CopyResult copied(CopyInput in) {
    long docs =
        blueCollections().get(in.collection()) / (in.range() == null ? 1 : in.range().count());
    return new CopyResult(in.collection(), docs, docs * 100, in.range() == null ? 2 : 0);
  }

  MockedActivities mocks() {
    MockedActivities mocks = new MockedActivities(blueCollections());
    when(mocks.copy.splitCollection(any(RangeSplitInput.class)))
        .thenAnswer(
            i -> new RangeSplit(i.getArgument(0, RangeSplitInput.class).collection(), 3, ranges()));
    return mocks;
  }

  static String key(CopyInput in) {
    return in.collection() + (in.range() == null ? "" : " " + in.range().label());
  }

  static boolean hasEvent(DeploymentStatus s, String text) {
    return s.events().stream().map(DeploymentEvent::message).anyMatch(m -> m.contains(text));
  }

  @Test
  void largeCollectionsAreSplitAndTheirRangesCopiedInParallelWithinTheSlots() throws Exception {
    MockedActivities mocks = mocks();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch slotsFull = new CountDownLatch(1);
    List<String> copies = new CopyOnWriteArrayList<>();
    when(mocks.copy.copyCollection(any(CopyInput.class)))
        .thenAnswer(
            i -> {
              CopyInput in = i.getArgument(0, CopyInput.class);
              copies.add(key(in));
              most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              try {
                // Held until the slots have filled once: copies that ran one after another would
                // never fill them.
                assertTrue(slotsFull.await(30, TimeUnit.SECONDS), "the copy slots never filled");
                return copied(in);
              } finally {
                inFlight.decrementAndGet();
              }
            });
    fixture.activities(mocks.all());
    BlueGreenDeploymentWorkflow wf = fixture.start(request());
    await(wf, s -> inFlight.get() == SLOTS);
    slotsFull.countDown();
    DeploymentStatus s = await(wf, st -> st.phase() == Phase.AWAITING_APPROVAL);

    assertEquals(SLOTS, most.get(), "never more copies at once than the slots");
    ArgumentCaptor<RangeSplitInput> splits = ArgumentCaptor.forClass(RangeSplitInput.class);
    verify(mocks.copy, atLeastOnce()).splitCollection(splits.capture());
    assertEquals(
        List.of("jobs", "tasks"),
        splits.getAllValues().stream().map(RangeSplitInput::collection).sorted().toList(),
        "only the collections at or above the threshold are split");
    assertEquals(4, splits.getValue().ranges());
    assertEquals(
        List.of(
            "forms",
            "jobs 1/4",
            "jobs 2/4",
            "jobs 3/4",
            "jobs 4/4",
            "tasks 1/4",
            "tasks 2/4",
            "tasks 3/4",
            "tasks 4/4"),
        copies.stream().sorted().toList(),
        "each range and each whole collection copied once");

    CollectionProgress jobs =
        s.collections().stream().filter(c -> c.name().equals("jobs")).findFirst().orElseThrow();
    assertEquals(4000, jobs.copied(), "the collection reads as one: the sum of its ranges");
    assertEquals(4000, jobs.verified());
    assertTrue(jobs.match());
    assertTrue(hasEvent(s, "split jobs into 4 _id ranges"), "" + s.events());
    assertTrue(
        hasEvent(s, "copied jobs: 4000 documents in 4 _id ranges, 3 indexes"), "" + s.events());
  }

  @Test
  void aFailedRangeIsRetriedAloneFromItsOwnAttempt() throws Exception {
    MockedActivities mocks = mocks();
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    when(mocks.copy.copyCollection(any(CopyInput.class)))
        .thenAnswer(
            i -> {
              CopyInput in = i.getArgument(0, CopyInput.class);
              int n = attempts.computeIfAbsent(key(in), k -> new AtomicInteger()).incrementAndGet();
              if (key(in).equals("jobs 3/4") && n == 1) {
                throw new IllegalStateException("worker lost Blue mid-range");
              }
              return copied(in);
            });
    fixture.activities(mocks.all());
    BlueGreenDeploymentWorkflow wf = fixture.start(request());
    DeploymentStatus s = await(wf, st -> st.phase() == Phase.AWAITING_APPROVAL);

    assertEquals(2, attempts.get("jobs 3/4").get(), "the failed range ran again");
    attempts.forEach(
        (k, n) -> {
          if (!k.equals("jobs 3/4")) {
            assertEquals(1, n.get(), k + " ran once: only the failed range is retried");
          }
        });
    assertEquals(
        4000,
        s.collections().stream()
            .filter(c -> c.name().equals("jobs"))
            .findFirst()
            .orElseThrow()
            .copied());
  }

  @Test
  void eachRangeIsVerifiedOnItsOwnAndADifferingRangeIsNamed() throws Exception {
    MockedActivities mocks = mocks();
    when(mocks.copy.copyCollection(any(CopyInput.class)))
        .thenAnswer(i -> copied(i.getArgument(0, CopyInput.class)));
    AtomicInteger verifications = new AtomicInteger();
    when(mocks.copy.verifyCollections(any(VerifyCollectionsInput.class)))
        .thenAnswer(
            i -> {
              VerifyCollectionsInput in = i.getArgument(0, VerifyCollectionsInput.class);
              boolean first = verifications.incrementAndGet() == 1;
              List<VerifyResult> out = new ArrayList<>();
              for (String name : in.collections()) {
                List<IdRange> ranges = in.ranges().get(name);
                long docs = blueCollections().get(name);
                if (ranges == null) {
                  out.add(new VerifyResult(name, docs, docs, "b", "b", 0, 0, 0, List.of(), true));
                  continue;
                }
                for (IdRange r : ranges) {
                  // The first verification finds one changed document in jobs' third range only.
                  boolean differs = first && name.equals("jobs") && r.index() == 2;
                  out.add(
                      new VerifyResult(
                          name,
                          docs / 4,
                          docs / 4,
                          "b" + r.index(),
                          differs ? "g" : "b" + r.index(),
                          0,
                          0,
                          differs ? 1 : 0,
                          differs ? List.of("{\"_id\": \"job-3\"}") : List.of(),
                          !differs,
                          r));
                }
              }
              return new VerifyCollectionsResult(out);
            });
    fixture.activities(mocks.all());
    BlueGreenDeploymentWorkflow wf = fixture.start(request());
    DeploymentStatus s = await(wf, st -> st.phase() == Phase.AWAITING_APPROVAL);

    ArgumentCaptor<VerifyCollectionsInput> verifies =
        ArgumentCaptor.forClass(VerifyCollectionsInput.class);
    verify(mocks.copy, atLeastOnce()).verifyCollections(verifies.capture());
    VerifyCollectionsInput firstPass = verifies.getAllValues().get(0);
    assertEquals(
        ranges(),
        firstPass.ranges().get("jobs"),
        "jobs is verified in the ranges it was copied in");
    assertEquals(ranges(), firstPass.ranges().get("tasks"));
    assertNull(firstPass.ranges().get("forms"), "a collection copied whole is verified whole");
    VerifyCollectionsInput secondPass = verifies.getAllValues().get(1);
    assertEquals(
        List.of("jobs"),
        secondPass.collections(),
        "only the differing collection is checked again");
    assertEquals(ranges(), secondPass.ranges().get("jobs"));

    ArgumentCaptor<ResyncInput> resyncs = ArgumentCaptor.forClass(ResyncInput.class);
    verify(mocks.copy).resyncCollection(resyncs.capture());
    assertEquals("jobs", resyncs.getValue().collection());
    assertTrue(
        hasEvent(s, "differs jobs range 3/4: missing 0, extra 0, changed 1"), "" + s.events());
    assertTrue(
        hasEvent(
            s, "verified jobs: 4000 documents identical (4 _id ranges, each verified on its own)"),
        "" + s.events());
    CollectionProgress jobs =
        s.collections().stream().filter(c -> c.name().equals("jobs")).findFirst().orElseThrow();
    assertEquals(4000, jobs.verified());
    assertTrue(jobs.match());
    assertEquals(0L, jobs.differences());
  }
}
