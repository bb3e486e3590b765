package io.bluegreen.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The simulated platform's Operations Manager jobs endpoint: {@code POST
 * /operations-manager/jobs/cancel} with {@code {"jobIds": [...]}}, at most {@value #MAX_IDS} ids a
 * call (more is refused with 400, as a guard the tests rely on). Cancelled jobs are marked {@code
 * status: "canceled"} in the platform's {@code jobs} collection when one is attached ({@link
 * #jobsIn}), as the platform itself would, and every call's ids are kept ({@link #cancelCalls}).
 */
final class SimulatedJobs {
  static final int MAX_IDS = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<List<String>> calls = new CopyOnWriteArrayList<>();
  private volatile MongoCollection<Document> jobs;

  void jobsIn(MongoCollection<Document> jobs) {
    this.jobs = jobs;
  }

  List<List<String>> cancelCalls() {
    return new ArrayList<>(calls);
  }

  void cancel(HttpExchange ex, String body, Consumer<String> say) throws IOException {
    List<String> ids = new ArrayList<>();
    try {
      JsonNode root = JSON.readTree(body);
      for (JsonNode id : root.path("jobIds")) {
        ids.add(id.asText());
      }
    } catch (IOException e) {
      SimulatedItentialApi.reply(ex, 400, "{\"message\": \"body is not JSON\"}");
      return;
    }
    if (ids.isEmpty() || ids.size() > MAX_IDS) {
      say.accept("POST /operations-manager/jobs/cancel refused: " + ids.size() + " job ids");
      SimulatedItentialApi.reply(
          ex, 400, "{\"message\": \"jobIds must hold 1 to " + MAX_IDS + " ids\"}");
      return;
    }
    calls.add(List.copyOf(ids));
    MongoCollection<Document> c = jobs;
    if (c != null) {
      for (String id : ids) {
        Object key = ObjectId.isValid(id) ? new ObjectId(id) : id;
        c.updateOne(
            Filters.and(Filters.eq("_id", key), Filters.nin("status", "complete", "canceled")),
            Updates.set("status", "canceled"));
      }
    }
    say.accept("POST /operations-manager/jobs/cancel: " + ids.size() + " jobs canceled");
    SimulatedItentialApi.reply(ex, 200, "{\"status\": \"ok\", \"canceled\": " + ids.size() + "}");
  }
}
