package io.bluegreen.activities.sync;

import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * A queued write of a carry-back to Blue: Blue's document as read (null: absent), Green's version
 * to write (null: delete), and what Green did, so a refusal or a user's edit meanwhile can be
 * listed and the count undone.
 */
record CarryBackWrite(
    BsonValue id, RawBsonDocument read, RawBsonDocument to, String greenChange, Kind kind) {
  /** What the write does to Blue. */
  enum Kind {
    INSERT,
    UPDATE,
    DELETE
  }
}
