package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Blue's jobs that are neither complete nor canceled, as one read of its {@code jobs} collection
 * found them: {@code total}, the count per status (running, paused, error, and any other the
 * release writes), and the first {@value #MAX_LISTED} of them by id (history stays bounded however
 * many there are).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BlueJobs(
    @JsonProperty("total") long total,
    @JsonProperty("byStatus") Map<String, Long> byStatus,
    @JsonProperty("jobs") List<Job> jobs) {
  public static final int MAX_LISTED = 100;

  /** The status a job has while it runs; the drain waits for these. */
  public static final String RUNNING = "running";

  /** One job: its {@code _id} as a string, its status and its name when it has one. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Job(
      @JsonProperty("id") String id,
      @JsonProperty("status") String status,
      @JsonProperty("name") String name) {}

  public static final BlueJobs NONE = new BlueJobs(0, Map.of(), List.of());

  /** How many are running (the drain's count). */
  public long running() {
    return byStatus == null ? 0 : byStatus.getOrDefault(RUNNING, 0L);
  }

  /** How many are not running: paused, errored or any other unfinished status. */
  public long notRunning() {
    return total - running();
  }

  /** The listed jobs that are not running. */
  public List<Job> notRunningJobs() {
    return jobs == null
        ? List.of()
        : jobs.stream().filter(j -> !RUNNING.equals(j.status())).toList();
  }

  /** One line for events: {@code 3 jobs (error 1, paused 2): 65a…(paused), …}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(total).append(total == 1 ? " job" : " jobs");
    if (byStatus != null && !byStatus.isEmpty()) {
      sb.append(" (");
      String sep = "";
      for (Map.Entry<String, Long> e : byStatus.entrySet()) {
        sb.append(sep).append(e.getKey()).append(' ').append(e.getValue());
        sep = ", ";
      }
      sb.append(')');
    }
    return sb.toString();
  }

  /** The listed ids with their status, {@code id (status)}, comma separated. */
  public static String ids(List<Job> jobs) {
    return String.join(", ", jobs.stream().map(j -> j.id() + " (" + j.status() + ")").toList());
  }
}
