package io.bluegreen.workflows;

import io.bluegreen.workflows.activities.LiveChange;
import io.bluegreen.workflows.activities.LiveChangesInput;
import io.bluegreen.workflows.activities.LiveChangesResult;
import io.bluegreen.workflows.activities.LiveCollectionResult;
import io.bluegreen.workflows.activities.SyncActivities;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.LiveChanges;
import io.bluegreen.workflows.model.LiveCollectionChanges;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Blue's late changes while LIVE (generation 2): Itential cannot make Blue read-only, so from the
 * final pass until the deployment closes Blue is compared with the final pass's baseline every
 * {@code live.blueChanges.interval}, one activity per pass over every collection ({@code
 * CatchUpBlue}), and once more when the deployment completes. Each changed Blue document is carried
 * to Green by the three-way rules or only reported; both-sides changes are listed, never settled
 * (Green serves users). A pass runs in its own cancellation scope beside the failover window's
 * wait: a rollback cancels it and never waits for it (restoring Blue never waits on Green).
 */
final class BlueChangesWatch {
  /**
   * At most this many passes in one window: each is about a dozen history events, so a long window
   * with a short interval has its interval stretched to stay far below Temporal's history limit.
   */
  static final int MAX_PASSES = 1500;

  /** The pass at finalize is bounded: the deployment completes without it rather than wait. */
  static final Duration FINAL_PASS_LIMIT = Duration.ofMinutes(10);

  /** A pass per interval that outlives this is retried; a pass reads all of Blue once. */
  static final Duration PASS_LIMIT = Duration.ofHours(1);

  private final DeploymentRequest request;
  private final LiveBlueChanges options;
  private final Duration interval;
  private final DeploymentState state;
  private final String key;
  private final LiveChangesLedger ledger;
  private CancellationScope scope;
  private Promise<LiveChangesResult> running;
  private long nextAt;

  BlueChangesWatch(ResolvedRequest request, DeploymentState state) {
    this.request = request.raw();
    this.options = request.blueChanges();
    this.state = state;
    Duration stretched = request.failoverWindow().dividedBy(MAX_PASSES);
    this.interval = options.interval().compareTo(stretched) >= 0 ? options.interval() : stretched;
    this.key =
        ThreeWaySync.key(
            Workflow.getInfo().getWorkflowId(), Workflow.getInfo().getFirstExecutionRunId());
    this.ledger = new LiveChangesLedger(options.mode().wire(), interval.toString());
  }

  /** As LIVE begins: the first pass one interval from now. */
  void begin() {
    nextAt = Workflow.currentTimeMillis() + interval.toMillis();
    state.liveChanges(ledger.snapshot());
    state.event(
        "comparing Blue with the final pass's baseline every "
            + interval
            + (interval.equals(options.interval())
                ? ""
                : " (live.blueChanges.interval "
                    + options.interval()
                    + " stretched: at most "
                    + MAX_PASSES
                    + " passes in the failover window)")
            + ": Blue's changes are "
            + (options.carry()
                ? "carried to Green (a document Green changed too is listed, never overwritten)"
                : "reported, not carried (live.blueChanges report)"));
  }

  /** How long the window may wait before this needs the workflow again. */
  Duration untilDue() {
    if (running != null) {
      return null;
    }
    return Duration.ofMillis(Math.max(0, nextAt - Workflow.currentTimeMillis()));
  }

  /**
   * True when a pass has ended or the next one is due: the window's wait ends for {@link #tick}.
   */
  boolean due() {
    return running != null ? running.isCompleted() : Workflow.currentTimeMillis() >= nextAt;
  }

  /** Takes in a pass that ended; starts the next one when it is due. */
  void tick() {
    if (running != null && running.isCompleted()) {
      absorb(running);
      running = null;
      scope = null;
      nextAt = Workflow.currentTimeMillis() + interval.toMillis();
    }
    if (running == null && Workflow.currentTimeMillis() >= nextAt) {
      LiveChangesInput in = input();
      scope =
          Workflow.newCancellationScope(
              () -> running = Async.function(stub(PASS_LIMIT)::catchUpBlue, in));
      scope.run();
    }
  }

  /** A rollback or the window's end: a running pass is cancelled, never waited for. */
  void stop(String why) {
    if (running != null && running.isCompleted()) {
      absorb(running); // ended in the same moment: what it carried is named all the same
    } else if (scope != null && running != null) {
      scope.cancel(why);
      ledger.note("a comparison was running when " + why + "; it was cancelled, not waited for");
      state.liveChanges(ledger.snapshot());
    }
    scope = null;
    running = null;
  }

  /**
   * When the deployment completes: one more comparison, bounded by {@link #FINAL_PASS_LIMIT} in
   * all, repeated while changes wait past a pass's cap (there is no next interval to take them).
   * {@code interrupted} (a rollback accepted meanwhile) cancels it at once: the rollback never
   * waits on it. If it fails, is cut short or leaves changes waiting, the deployment goes on and
   * the status and an event say what was not compared.
   */
  void finalPass(Supplier<Boolean> interrupted) {
    stop("the deployment completed");
    long deadline = Workflow.currentTimeMillis() + FINAL_PASS_LIMIT.toMillis();
    Duration limit = FINAL_PASS_LIMIT;
    long waitingBefore = Long.MAX_VALUE;
    try {
      while (true) {
        LiveChangesInput in = input();
        SyncActivities pass = stub(limit);
        @SuppressWarnings("unchecked")
        Promise<LiveChangesResult>[] result = new Promise[1];
        CancellationScope last =
            Workflow.newCancellationScope(() -> result[0] = Async.function(pass::catchUpBlue, in));
        last.run();
        Workflow.await(() -> result[0].isCompleted() || interrupted.get());
        if (!result[0].isCompleted()) {
          last.cancel("a rollback was accepted");
          unsettled("a rollback was accepted during it");
          break;
        }
        absorb(result[0].get());
        long left = deadline - Workflow.currentTimeMillis();
        long waiting = ledger.waiting();
        // Only carrying shrinks what waits (reporting moves nothing): repeat while it does.
        boolean progress = options.carry() && waiting < waitingBefore;
        waitingBefore = waiting;
        if (waiting == 0 || !progress || left <= 0 || interrupted.get()) {
          if (waiting > 0) {
            unsettled(
                waiting
                    + " changed documents were past its cap (live.blueChanges.maxPerCollection)");
          }
          break;
        }
        limit = Duration.ofMillis(left); // the changes past the cap: once more, in what is left
      }
    } catch (CanceledFailure e) {
      throw e; // the deployment itself was cancelled: Interruptions decides what that means
    } catch (TemporalFailure e) {
      unsettled("it failed (" + FailureMessages.root(e) + ")");
    }
    state.liveChanges(ledger.snapshot());
  }

  /** The last comparison did not finish its work: named, for the operator to compare by hand. */
  private void unsettled(String why) {
    String since = ledger.snapshot().lastPass();
    String left =
        "the last comparison of Blue at the deployment's end did not finish: "
            + why
            + "; Blue's changes "
            + (since == null ? "since the final pass" : "after " + since)
            + " may not all be "
            + (options.carry() ? "carried" : "reported")
            + "; compare Blue with Green by hand";
    ledger.note(left);
    state.event(left);
  }

  private static SyncActivities stub(Duration limit) {
    return ActivityStubs.finalSync("Blue's changes since the final pass", limit);
  }

  private LiveChangesInput input() {
    return new LiveChangesInput(
        request.blue(),
        request.green(),
        key,
        state.collectionNames(),
        request.collections(),
        options.mode().wire(),
        options.maxPerCollection(),
        LiveChanges.MAX_LISTED,
        request.copy().parallelCollections());
  }

  /** A pass that ended: its result, or a note when it failed (the next pass tries again). */
  private void absorb(Promise<LiveChangesResult> pass) {
    try {
      absorb(pass.get());
    } catch (TemporalFailure e) {
      String text =
          "a comparison of Blue with the final pass's baseline failed ("
              + FailureMessages.root(e)
              + "); the next one in "
              + interval
              + " tries again";
      ledger.note(text);
      state.event(text);
      state.liveChanges(ledger.snapshot());
    }
  }

  private void absorb(LiveChangesResult r) {
    Map<String, String> notesBefore = new HashMap<>();
    for (LiveCollectionChanges c : ledger.snapshot().collections()) {
      if (c.note() != null) {
        notesBefore.put(c.collection(), c.note());
      }
    }
    for (LiveCollectionResult c : r.collections()) {
      if (c.note() != null && !c.note().equals(notesBefore.get(c.collection()))) {
        state.event("collection " + c.collection() + ": " + c.note());
      }
    }
    List<LiveChangesLedger.Named> fresh = ledger.absorb(r, DeploymentState.now());
    long carried = 0;
    long conflicts = 0;
    long reported = 0;
    for (LiveCollectionResult c : r.collections()) {
      carried += c.carried();
      conflicts += c.conflicts();
      reported += c.reported();
    }
    if (!fresh.isEmpty()) {
      state.event(
          "Blue changed after the final pass: "
              + (options.carry() ? carried + " carried to Green, " : reported + " reported, ")
              + conflicts
              + " also changed on Green (left on both sides)"
              + (ledger.waiting() > 0
                  ? ", " + ledger.waiting() + " waiting for the next pass"
                  : ""));
      int named = 0;
      for (LiveChangesLedger.Named n : fresh) {
        if (++named > ThreeWaySync.MAX_LISTED_CONFLICTS) {
          state.event("... and " + (fresh.size() - named + 1) + " more: see liveChanges in status");
          break;
        }
        state.event(describe(n.collection(), n.change()));
      }
    }
    state.liveChanges(ledger.snapshot());
  }

  static String describe(String collection, LiveChange c) {
    String what =
        switch (c.outcome()) {
          case LiveChange.CARRIED -> "carried to Green";
          case LiveChange.CONFLICT ->
              c.greenChange() != null && c.greenChange().startsWith("refused")
                  ? "not carried, " + c.greenChange() + ": left on both sides, settle it by hand"
                  : "Green " + c.greenChange() + " it too: left on both sides, settle it by hand";
          default -> "reported, not carried (live.blueChanges report)";
        };
    return "Blue's "
        + collection
        + " _id "
        + c.id()
        + " "
        + c.blueChange()
        + " after the final pass: "
        + what;
  }
}
