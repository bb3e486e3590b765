package io.bluegreen.simulated;

import static io.bluegreen.simulated.SampleDocuments.BASE;
import static io.bluegreen.simulated.SampleDocuments.id;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.BsonObjectId;
import org.bson.Document;

/**
 * The sample platform's runtime data: jobs, their tasks, and job output in GridFS ({@code
 * job_data}). A deployment never copies it (see {@link DemoPlatform#RUNTIME}); it is here so that a
 * deployment can be seen to leave it behind, and so that the cutover has running jobs to drain.
 */
final class SampleRuntimeData {
  private SampleRuntimeData() {}

  /**
   * Jobs still running on Blue when the cutover drains it (they finish one a second): a platform
   * runs tens at a time whatever its history holds, and a million-document demo must not drain for
   * an hour. The default demo's 40 jobs give exactly this many.
   */
  static final int MAX_RUNNING_JOBS = 10;

  static List<Document> jobs(int n) {
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new Document("_id", id(93, i))
              .append("name", "Provision VLAN " + i)
              .append("status", i % 4 == 0 && i < MAX_RUNNING_JOBS * 4 ? "running" : "complete")
              .append("type", "automation")
              .append("variables", new Document("deviceName", "rtr-" + i))
              .append(
                  "metrics",
                  new Document("start_time", Date.from(BASE.plus(i, ChronoUnit.HOURS)))
                      .append("user", "admin@pronghorn")));
    }
    return out;
  }

  static List<Document> tasks(int jobs) {
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < jobs * 3; i++) {
      out.add(
          new Document("_id", id(94, i))
              .append("job", new Document("_id", id(93, i / 3)))
              .append("name", "runCommand" + (i % 3))
              .append("status", i % 3 == 2 ? "incomplete" : "complete"));
    }
    return out;
  }

  /**
   * Job output and attachments in GridFS, as the platform keeps them: runtime data, never copied.
   */
  static void jobData(MongoDatabase db, int jobs) {
    GridFSBucket bucket = GridFSBuckets.create(db, "job_data");
    for (int i = 0; i < Math.min(jobs, 20); i++) {
      byte[] data =
          ("{\"job\": \""
                  + id(93, i).toHexString()
                  + "\", \"output\": \""
                  + "ok ".repeat(200)
                  + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      bucket.uploadFromStream(
          new BsonObjectId(id(95, i)), "job-" + i + ".json", new ByteArrayInputStream(data));
    }
  }
}
