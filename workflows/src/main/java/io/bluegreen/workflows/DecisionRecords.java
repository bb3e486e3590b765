package io.bluegreen.workflows;

import io.bluegreen.workflows.model.DeploymentStatus;
import io.bluegreen.workflows.model.OperatorSignal;
import io.bluegreen.workflows.model.Phase;
import io.bluegreen.workflows.model.SignalRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator decisions the status shows: accepted and rejected, each list keeping the latest
 * {@link DeploymentStatus#MAX_DECISIONS_LISTED} (history holds them all), with totals.
 */
final class DecisionRecords {
  private final List<SignalRecord> accepted = new ArrayList<>();
  private final List<SignalRecord> rejected = new ArrayList<>();
  private int acceptedTotal;
  private int rejectedTotal;

  /** Records a decision; returns the event that tells it. */
  String record(String decision, OperatorSignal s, String rejection, String at, Phase phase) {
    SignalRecord record =
        new SignalRecord(
            decision,
            s == null ? null : s.by(),
            s == null ? null : s.reason(),
            at,
            phase,
            rejection == null,
            rejection);
    if (rejection != null) {
      rejectedTotal++;
      capped(rejected, record);
      return decision + " by " + record.by() + " rejected: " + rejection;
    }
    acceptedTotal++;
    capped(accepted, record);
    return decision
        + " by "
        + record.by()
        + (record.reason() == null ? "" : ": " + record.reason());
  }

  List<SignalRecord> accepted() {
    return new ArrayList<>(accepted);
  }

  List<SignalRecord> rejected() {
    return new ArrayList<>(rejected);
  }

  int acceptedTotal() {
    return acceptedTotal;
  }

  int rejectedTotal() {
    return rejectedTotal;
  }

  private static void capped(List<SignalRecord> list, SignalRecord record) {
    list.add(record);
    if (list.size() > DeploymentStatus.MAX_DECISIONS_LISTED) {
      list.remove(0);
    }
  }
}
