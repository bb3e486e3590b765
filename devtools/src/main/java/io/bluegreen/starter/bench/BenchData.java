package io.bluegreen.starter.bench;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;

/**
 * What the bench copies: reproducible documents whose {@code _id}s follow from their index and
 * salt, so the cutover-window bench can find the ones it changes.
 */
final class BenchData {
  private BenchData() {}

  /** Workflow-like documents of about 1 KB: nested tasks, transitions, dates, ids, arrays. */
  static void seed(MongoCollection<Document> c, int n, long salt) {
    seed(c, n, salt, false);
  }

  /**
   * @param small documents of about 110 bytes instead of 1 KB ({@code --small}): the in-memory
   *     emulator cannot hold a million 1 KB documents on both sides within 24 GB, and the worker's
   *     heap depends on the number of documents only through what it keeps per document, which this
   *     size still shows
   */
  static void seed(MongoCollection<Document> c, int n, long salt, boolean small) {
    Random r = new Random(salt);
    List<Document> batch = new ArrayList<>(BenchRun.BATCH);
    for (int i = 0; i < n; i++) {
      batch.add(small ? smallDocument(r, salt, i) : workflowDocument(r, salt, i));
      if (batch.size() == BenchRun.BATCH) {
        c.insertMany(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      c.insertMany(batch);
    }
  }

  /**
   * The {@code _id} of document {@code i} seeded with {@code salt}: what the cutover-window bench
   * finds it by.
   */
  static ObjectId id(long salt, int i) {
    return new ObjectId(new Date(1_600_000_000_000L + salt * 86_400_000L + i * 1000L), i);
  }

  private static Document smallDocument(Random r, long salt, int i) {
    return new Document("_id", id(salt, i))
        .append("name", "workflow-" + salt + "-" + i)
        .append("description", "version " + r.nextInt(1000))
        .append("created", new Date(1_600_000_000_000L + r.nextInt(1_000_000_000)))
        .append("version", (long) r.nextInt(100));
  }

  private static Document workflowDocument(Random r, long salt, int i) {
    Document tasks = new Document();
    for (int t = 0; t < 3; t++) {
      tasks.append(
          "task" + t,
          new Document("name", "runCommand" + r.nextInt(50))
              .append("app", r.nextBoolean() ? "MOP" : "WorkFlowEngine")
              .append("type", "automatic")
              .append(
                  "variables",
                  new Document(
                          "incoming",
                          new Document("device", "$var.job.device")
                              .append("timeout", r.nextInt(600)))
                      .append("outgoing", new Document("result", null)))
              .append("x", r.nextDouble())
              .append("y", r.nextDouble()));
    }
    return new Document("_id", id(salt, i))
        .append("name", "workflow-" + salt + "-" + i)
        .append(
            "description", "Provision a service on the edge routers, version " + r.nextInt(1000))
        .append("type", "automation")
        .append("groups", List.of("operators", "group-" + r.nextInt(20)))
        .append("tasks", tasks)
        .append(
            "transitions",
            new Document(
                    "workflow_start",
                    new Document(
                        "task0", new Document("type", "standard").append("state", "success")))
                .append(
                    "task0",
                    new Document(
                        "task1", new Document("type", "standard").append("state", "success"))))
        .append("created", new Date(1_600_000_000_000L + r.nextInt(1_000_000_000)))
        .append("created_by", new ObjectId())
        .append("lastUpdated", new Date())
        .append("version", (long) r.nextInt(100))
        .append("tags", List.of("tag" + r.nextInt(100), "tag" + r.nextInt(100)));
  }

  static void seedLarge(MongoCollection<Document> c, int n) {
    Random r = new Random(42);
    for (int i = 0; i < n; i++) {
      byte[] blob = new byte[1024 * 1024 - 200];
      r.nextBytes(blob);
      c.insertOne(
          new Document("_id", i)
              .append("name", "attachment-" + i)
              .append("content", new Binary(blob)));
    }
  }
}
