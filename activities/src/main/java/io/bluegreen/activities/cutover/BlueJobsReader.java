package io.bluegreen.activities.cutover;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.bluegreen.workflows.model.BlueJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * Reads Blue's {@code jobs} collection for the jobs a cutover may leave behind: every job whose
 * status is neither complete nor canceled (running, paused, error, and any other the release
 * writes), counted by status, the first {@value BlueJobs#MAX_LISTED} listed in {@code _id} order.
 * Read-only: the platform itself is the only writer of its jobs.
 */
public final class BlueJobsReader {
  /** The statuses of a job that is over; both spellings of cancelled, as releases differ. */
  static final List<String> FINISHED = List.of("complete", "canceled", "cancelled");

  private static final Bson UNFINISHED = Filters.nin("status", FINISHED);

  private final MongoCollection<Document> jobs;

  public BlueJobsReader(MongoCollection<Document> jobs) {
    this.jobs = jobs;
  }

  /** How many jobs run now (the drain's poll). */
  long running() {
    return jobs.countDocuments(Filters.eq("status", BlueJobs.RUNNING));
  }

  /** The unfinished jobs, by status, the first {@value BlueJobs#MAX_LISTED} listed. */
  public BlueJobs unfinished() {
    Map<String, Long> byStatus = new TreeMap<>();
    List<BlueJobs.Job> listed = new ArrayList<>();
    long total = 0;
    // One pass in _id order over two fields: counting by status this way needs no aggregation
    // stage, which not every MongoDB-wire server of the local stack implements alike.
    for (Document job :
        jobs.find(UNFINISHED)
            .projection(Projections.include("_id", "status", "name"))
            .sort(Sorts.ascending("_id"))) {
      String status = status(job);
      byStatus.merge(status, 1L, Long::sum);
      if (listed.size() < BlueJobs.MAX_LISTED) {
        listed.add(new BlueJobs.Job(id(job.get("_id")), status, name(job)));
      }
      total++;
    }
    return new BlueJobs(total, byStatus, listed);
  }

  /** Every unfinished job's id, in {@code _id} order, handed over in batches of {@code size}. */
  void unfinishedIds(int size, Consumer<List<String>> batch) {
    List<String> ids = new ArrayList<>(size);
    for (Document job :
        jobs.find(UNFINISHED).projection(Projections.include("_id")).sort(Sorts.ascending("_id"))) {
      ids.add(id(job.get("_id")));
      if (ids.size() == size) {
        batch.accept(List.copyOf(ids));
        ids.clear();
      }
    }
    if (!ids.isEmpty()) {
      batch.accept(List.copyOf(ids));
    }
  }

  private static String status(Document job) {
    Object s = job.get("status");
    return s == null ? "(no status)" : s.toString();
  }

  private static String name(Document job) {
    Object n = job.get("name");
    return n instanceof String s ? s : null;
  }

  /** A job's id as the Itential API takes it: an ObjectId's hex string, else its string form. */
  static String id(Object id) {
    return id instanceof ObjectId o ? o.toHexString() : String.valueOf(id);
  }
}
