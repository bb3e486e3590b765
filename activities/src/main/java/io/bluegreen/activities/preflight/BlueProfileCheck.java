package io.bluegreen.activities.preflight;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import io.bluegreen.activities.support.DottedPath;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Preflight's reading of Blue's own profile (its {@code iap_profiles} document): it must exist, and
 * the profile fields the cutover will toggle must be booleans in it. Read-only; a problem is an
 * {@link IllegalArgumentException} saying what to fix.
 */
final class BlueProfileCheck {
  private BlueProfileCheck() {}

  /**
   * Blue's profile document; when there is none, the ids there are, so the operator sees the typo.
   */
  static Document profile(MongoDatabase db, PlatformSpec blue) {
    MongoCollection<Document> profiles = db.getCollection("iap_profiles");
    Document profile = profiles.find(new Document("id", blue.profile())).first();
    if (profile != null) {
      return profile;
    }
    List<String> ids = new ArrayList<>();
    try (MongoCursor<Document> c =
        profiles.find().projection(new Document("id", 1)).limit(20).iterator()) {
      c.forEachRemaining(d -> ids.add(String.valueOf(d.get("id"))));
    }
    throw new IllegalArgumentException(
        "Blue's database '"
            + blue.database()
            + "' (connection '"
            + blue.mongo()
            + "') has no iap_profiles document with id '"
            + blue.profile()
            + "'; "
            + (ids.isEmpty()
                ? "it has no iap_profiles documents at all (is this the platform's database?)"
                : "profile ids there: " + String.join(", ", ids)));
  }

  /**
   * A mistyped switch path would make cutover set a field the platform never reads, leaving Blue
   * starting jobs after traffic moved; so the paths must name booleans that exist.
   */
  static void checkSwitches(Document profile, Switches switches, PlatformSpec blue) {
    if (switches == null) {
      return;
    }
    if (switches.startJobs() != null) {
      check(profile, "startJobs", switches.startJobs(), blue);
    }
    if (switches.taskWorker() != null) {
      check(profile, "taskWorker", switches.taskWorker(), blue);
    }
  }

  private static void check(Document profile, String name, String path, PlatformSpec blue) {
    String problem = DottedPath.problem(path);
    if (problem != null) {
      throw new IllegalArgumentException("switches." + name + " " + problem);
    }
    Object value = DottedPath.get(profile, path);
    if (!(value instanceof Boolean)) {
      throw new IllegalArgumentException(
          "switches."
              + name
              + " = '"
              + path
              + "' does not name a boolean in Blue's iap_profiles document '"
              + blue.profile()
              + "' ("
              + (value == null ? "no such field" : "it holds " + value.getClass().getSimpleName())
              + "); set switches."
              + name
              + " to the dotted path of that switch");
    }
  }
}
