package io.bluegreen.activities.copy;

import io.bluegreen.workflows.model.CollectionSelection;
import io.bluegreen.workflows.model.ExcludedCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Decides which of Blue's collections a deployment copies, and why each other one is left out. */
public final class CollectionPlanner {
  /** Per-run data of the platform; Green builds its own. */
  public static final Set<String> RUNTIME =
      Set.of(
          "jobs",
          "tasks",
          "job_data",
          "job_data.files",
          "job_data.chunks",
          "job_output",
          "job_history",
          "wfe_job_metrics",
          "wfe_task_metrics",
          "iagc_requests",
          "resource_action_executions",
          "ucm_compliance_reports");

  /** Written by provisioning with Green's own values, never copied as-is. */
  public static final Set<String> PROVISIONED = Set.of("iap_profiles", "service_configs");

  public static final String REASON_RUNTIME = "runtime data";
  public static final String REASON_PROVISIONED = "provisioned separately";
  public static final String REASON_NOT_INCLUDED = "not in include";
  public static final String REASON_EXCLUDED = "excluded by request";
  public static final String REASON_SYSTEM = "system collection";

  public record Plan(List<String> selected, List<ExcludedCollection> excluded) {}

  private CollectionPlanner() {}

  /**
   * @throws IllegalArgumentException with a message saying what to fix: an include naming a
   *     collection Blue does not have, or nothing left to copy
   */
  public static Plan plan(Collection<String> blueCollections, CollectionSelection selection) {
    Set<String> names = new TreeSet<>(blueCollections);
    List<String> include =
        selection == null || selection.include() == null ? List.of() : selection.include();
    Set<String> exclude =
        selection == null || selection.exclude() == null
            ? Set.of()
            : new LinkedHashSet<>(selection.exclude());

    List<String> unknown = include.stream().filter(n -> !names.contains(n)).distinct().toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "collections.include names collections that Blue's database does not have: "
              + String.join(", ", unknown)
              + " (Blue has: "
              + String.join(", ", names)
              + ")");
    }

    List<String> selected = new ArrayList<>();
    List<ExcludedCollection> excluded = new ArrayList<>();
    for (String name : names) {
      String reason = reasonToLeaveOut(name, include, exclude);
      if (reason == null) {
        selected.add(name);
      } else {
        excluded.add(new ExcludedCollection(name, reason));
      }
    }
    // An include that names a collection never copied (runtime data, provisioned, system) would
    // otherwise be dropped silently, and the operator would get a Green without it.
    List<String> neverCopied =
        include.stream()
            .distinct()
            .filter(
                n ->
                    !n.contains("migration")
                        && (n.startsWith("system.")
                            || PROVISIONED.contains(n)
                            || RUNTIME.contains(n)))
            .toList();
    if (!neverCopied.isEmpty()) {
      throw new IllegalArgumentException(
          "collections.include names collections that a deployment never copies: "
              + String.join(", ", neverCopied)
              + " (runtime data, iap_profiles/service_configs and system collections stay behind); remove them");
    }
    // Migration records are always copied, so include/exclude that leave out every resource
    // collection still select them; a deployment of migration records alone is a mistaken request.
    if (!selected.isEmpty()
        && selected.stream().allMatch(n -> n.contains("migration"))
        && (!include.isEmpty() || !exclude.isEmpty())) {
      throw new IllegalArgumentException(
          "no collections left to copy from Blue besides the schema-migration records ("
              + String.join(", ", selected)
              + "): collections.include/exclude leave out every resource collection; check collections.include/exclude");
    }
    if (selected.isEmpty()) {
      throw new IllegalArgumentException(
          "no collections left to copy from Blue (Blue has: "
              + (names.isEmpty() ? "no collections" : String.join(", ", names))
              + "); check collections.include/exclude");
    }
    return new Plan(List.copyOf(selected), List.copyOf(excluded));
  }

  /**
   * The collections of Blue that the same rules select, without plan's refusals: a sync lists Blue
   * again, and a collection that an include names but Blue has since dropped is reported by the
   * sync as dropped, not refused.
   */
  public static List<String> select(
      Collection<String> blueCollections, CollectionSelection selection) {
    List<String> include =
        selection == null || selection.include() == null ? List.of() : selection.include();
    Set<String> exclude =
        selection == null || selection.exclude() == null
            ? Set.of()
            : new LinkedHashSet<>(selection.exclude());
    return new TreeSet<>(blueCollections)
        .stream().filter(n -> reasonToLeaveOut(n, include, exclude) == null).toList();
  }

  private static String reasonToLeaveOut(String name, List<String> include, Set<String> exclude) {
    if (name.startsWith("system.")) {
      return REASON_SYSTEM;
    }
    if (PROVISIONED.contains(name)) {
      return REASON_PROVISIONED;
    }
    // Schema-migration records tell the new platform version which migrations already ran;
    // Green without them would re-run migrations against copied data.
    if (name.contains("migration")) {
      return null;
    }
    if (RUNTIME.contains(name)) {
      return REASON_RUNTIME;
    }
    if (!include.isEmpty() && !include.contains(name)) {
      return REASON_NOT_INCLUDED;
    }
    if (exclude.contains(name)) {
      return REASON_EXCLUDED;
    }
    return null;
  }
}
