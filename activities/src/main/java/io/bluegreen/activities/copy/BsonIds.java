package io.bluegreen.activities.copy;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * {@code _id} values as canonical Extended JSON, so a checkpoint or a reported id keeps its exact
 * BSON type (an ObjectId stays an ObjectId, a long stays a long) through workflow history.
 */
public final class BsonIds {
  private static final JsonWriterSettings CANONICAL =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  private BsonIds() {}

  /** {@code {"_id": <value>}} as canonical Extended JSON. */
  public static String toJson(BsonValue id) {
    return new BsonDocument("_id", id).toJson(CANONICAL);
  }

  /** The value of a document written by {@link #toJson}. */
  public static BsonValue fromJson(String json) {
    BsonValue id = BsonDocument.parse(json).get("_id");
    if (id == null) {
      throw new IllegalArgumentException("checkpoint id has no _id field");
    }
    return id;
  }
}
