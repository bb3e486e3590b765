package io.bluegreen.starter;

import io.bluegreen.workflows.model.Phase;
import java.util.List;

/** The commands that make sense next, by phase, so the operator never has to guess a name. */
public final class NextSteps {
  private NextSteps() {}

  public static List<String> forPhase(Phase phase, String id) {
    if (phase == null) {
      return List.of("./bluegreen watch " + id);
    }
    return switch (phase) {
      case AWAITING_APPROVAL ->
          List.of(
              "./bluegreen approve " + id + " --by NAME --reason TEXT",
              "./bluegreen resync " + id + " --by NAME --reason TEXT",
              "./bluegreen abort " + id + " --by NAME --reason TEXT");
      case LIVE ->
          List.of(
              "./bluegreen finalize " + id + " --by NAME --reason TEXT",
              "./bluegreen rollback " + id + " --by NAME --reason TEXT",
              "./bluegreen diff " + id);
      case ROLLING_BACK ->
          List.of(
              "./bluegreen watch " + id,
              "./bluegreen diff " + id,
              "./bluegreen carry-back " + id + " --collection NAME --by NAME --reason TEXT",
              "./bluegreen finalize " + id + " --by NAME --reason TEXT");
      case PREFLIGHT, PROVISIONING, COPYING, VERIFYING ->
          List.of(
              "./bluegreen watch " + id, "./bluegreen abort " + id + " --by NAME --reason TEXT");
      case CUTTING_OVER -> List.of("./bluegreen watch " + id);
      default -> List.of("./bluegreen audit " + id);
    };
  }
}
