package io.bluegreen.activities;

import java.util.List;

/** Every activity implementation, wired to one set of connections, for a worker to register. */
public final class BlueGreenActivities {
  private BlueGreenActivities() {}

  public static List<Object> create(Connections connections) {
    return create(connections, CopyMetrics.NONE);
  }

  /** @param metrics where the copy engine reports documents and bytes copied and verified */
  public static List<Object> create(Connections connections, CopyMetrics metrics) {
    return List.of(
        new PreflightActivitiesImpl(connections),
        new ProvisioningActivitiesImpl(connections),
        new CollectionCopyActivitiesImpl(connections, metrics),
        new SyncActivitiesImpl(connections),
        new CutoverActivitiesImpl(connections),
        new HealthActivitiesImpl(connections));
  }
}
