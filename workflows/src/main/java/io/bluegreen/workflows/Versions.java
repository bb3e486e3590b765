package io.bluegreen.workflows;

import io.temporal.workflow.Workflow;

/**
 * The compatibility floor of the deployment workflow's histories: one change id for the whole
 * workflow generation, called once at the start of {@code deploy()}.
 *
 * <p>The rule (also in {@code docs/versioning.md}):
 *
 * <ul>
 *   <li>One id per workflow generation: {@link #DEPLOYMENT}. A change to what the workflow does
 *       raises {@link #CURRENT} and branches on the value {@link #deployment()} returned.
 *   <li>Once no run of an older generation is open, its branches are retired and {@link #FLOOR} is
 *       raised to the oldest generation still running.
 *   <li>The call stays forever, as a tripwire (the SDK's {@code Workflow.getVersion} javadoc
 *       describes this): a history from before the floor lacks the marker, or carries a version
 *       below the floor, so its replay stops right here with the SDK's unsupported-version error,
 *       instead of diverging somewhere in the middle of a cutover.
 * </ul>
 *
 * <p>Floor 1, 2026-12-03: every earlier change id was retired together with its pre-floor branch,
 * keeping only the behaviour of its newest version:
 *
 * <ul>
 *   <li>{@code drain-timeout-asks-operator}: a drain timeout waits for the operator's decision
 *       (before it: Blue's startJobs back on and a return to approval).
 *   <li>{@code batched-verification}: every collection verified in one activity (before it: one
 *       verification activity per collection, {@code verifyOneByOne}).
 *   <li>{@code blue-first-restore}: restores put Blue back first, then Green off (before it: {@code
 *       LegacyRestore}, Green off first, and {@code notifyWebhookStrict}).
 *   <li>{@code drain-decision-timeout}: the drain decision waits {@code cutover.decisionTimeout}
 *       (before it: {@code approval.timeout}).
 *   <li>{@code blue-reasserted}: a Blue switch interrupted in flight is turned on once more after
 *       its attempt ran out.
 *   <li>{@code failed-cutover-rolls-back}: a failed cutover shows ROLLING_BACK while it restores
 *       Blue.
 *   <li>{@code url-token-check}: request URLs that seem to carry a token are refused.
 *   <li>{@code three-way-sync}: a baseline after the first verification and three-way sync passes
 *       (before it: the {@code sync == null} branches, verify-and-repair at the cutover).
 * </ul>
 *
 * <p>Generation 2, after floor 1 shipped (each change lists itself here, guarded by {@code
 * state.generation() >= Versions.WINDOW}):
 *
 * <ul>
 *   <li>The baseline is dropped at the end from the moment PrepareBaseline was scheduled (before
 *       it: from RecordBaseline on, so an end between the two left the run's owner document and
 *       Green's own ids behind, refused as stale by the next deployment to that Green).
 *   <li>{@code live.blueChanges}: while LIVE, Blue is compared with the final pass's baseline every
 *       interval ({@code CatchUpBlue}, a timer per interval, {@link BlueChangesWatch}) and once
 *       more when the deployment completes; generation-1 runs keep their single window timer.
 *   <li>Jobs that stay on Blue and the fence ({@code Cutover}, {@code BlueJobsAtCutover}, {@code
 *       Switchboard}, {@code Restore}): a {@code ReadSwitch} before each Blue switch move, so a
 *       restore puts Blue's switches back as they were; after the drain Blue's unfinished jobs are
 *       named and, with {@code cutover.blueJobs: cancel}, cancelled ({@code CancelBlueJobs});
 *       Blue's taskWorker goes off before the final pass (the fence); with {@code
 *       cutover.overlapDrain}, the final pass and Green's switches come before the drain, then
 *       Blue's taskWorker off.
 *   <li>Green's changes at a rollback (issue 18, item 3): a rollback from LIVE, once Blue serves,
 *       compares Green with the baseline (DiffGreen), carries back what carryBack named
 *       (CarryBack), and waits in ROLLING_BACK for carryBack or finalize (a timer of the failover
 *       window's length) while Green holds changes not carried back; the end first lets a running
 *       diff Update finish. The carryBack decision and the diff Update are refused in generation 1.
 *   <li>{@code ranges}: a collection of at least {@code copy.rangeThreshold} documents is split
 *       into {@code copy.ranges} {@code _id} ranges ({@code splitCollection}), copied one activity
 *       per range and verified range by range (before it: every collection copied whole).
 * </ul>
 */
public final class Versions {
  /** The change id of the deployment workflow's generation; the worker looks for its marker. */
  public static final String DEPLOYMENT = "bluegreen-deployment";

  /** The oldest generation whose histories this code replays. */
  public static final int FLOOR = 1;

  /** The generation new deployments run. */
  public static final int CURRENT = 2;

  /**
   * Generation 2: the failover window's work (Blue's late changes, Green's changes at a rollback,
   * jobs that stay on Blue) and the restores and cutover steps it changed.
   */
  public static final int WINDOW = 2;

  private Versions() {}

  /** The tripwire and the generation of this run; called exactly once, first thing in deploy(). */
  static int deployment() {
    return Workflow.getVersion(DEPLOYMENT, FLOOR, CURRENT);
  }
}
