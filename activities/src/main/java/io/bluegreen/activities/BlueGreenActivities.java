package io.bluegreen.activities;

import io.bluegreen.activities.connections.Connections;
import io.bluegreen.activities.copy.CollectionCopyActivitiesImpl;
import io.bluegreen.activities.copy.CopyMetrics;
import io.bluegreen.activities.cutover.CutoverActivitiesImpl;
import io.bluegreen.activities.cutover.HealthActivitiesImpl;
import io.bluegreen.activities.preflight.PreflightActivitiesImpl;
import io.bluegreen.activities.provisioning.ProvisioningActivitiesImpl;
import io.bluegreen.activities.sync.GreenChangesActivitiesImpl;
import io.bluegreen.activities.sync.SyncActivitiesImpl;
import java.util.List;

/** Every activity implementation, wired to one set of connections, for a worker to register. */
public final class BlueGreenActivities {
  private BlueGreenActivities() {}

  public static List<Object> create(Connections connections) {
    return create(connections, CopyMetrics.NONE);
  }

  /**
   * @param metrics where the copy engine reports documents and bytes copied and verified
   */
  public static List<Object> create(Connections connections, CopyMetrics metrics) {
    return List.of(
        new PreflightActivitiesImpl(connections),
        new ProvisioningActivitiesImpl(connections),
        new CollectionCopyActivitiesImpl(connections, metrics),
        new SyncActivitiesImpl(connections),
        new GreenChangesActivitiesImpl(connections),
        new CutoverActivitiesImpl(connections),
        new HealthActivitiesImpl(connections));
  }
}
