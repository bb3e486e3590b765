package io.bluegreen.activities.sync;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import io.bluegreen.workflows.activities.LiveChange;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.RawBsonDocument;

/**
 * What the previous comparison of this run already named for one collection, so a pass names only
 * what is new or whose outcome changed (its counts stay complete): without it, in {@code report}
 * mode (the baseline never moves) and for unsettled conflicts, every pass would name the same ids
 * again, and a LIVE phase of many passes would grow the workflow's history towards Temporal's
 * limit. Kept in the state database under the baseline's key ({@code K~listed}, one document per
 * collection), so it is dropped with the baseline.
 *
 * <p>Each entry is the first 16 bytes of SHA-256 over (id, Blue's change, outcome, Green's side).
 * The remembered set is what was found again of the previous set plus what this pass named: so a
 * change settled and made again later is named again, and it is never larger than the changes a
 * pass finds (at most {@code maxPerCollection}), capped at {@value #MAX_REMEMBERED} entries. A
 * carried change is always named (each is a write to Green) and never remembered.
 *
 * <p>A retry of the same pass (its workflow run's activity, a later attempt) starts again from what
 * the pass before it left ({@code prev}): what a lost attempt named is named again, not lost.
 */
final class ListedChanges {
  static final int MAX_REMEMBERED = 20_000;
  private static final int HASH = 16;

  private final MongoCollection<RawBsonDocument> listed;
  private final BaselineOwner owner;
  private final String collection;
  private final Set<ByteBuffer> before = new HashSet<>();
  private final Set<ByteBuffer> after = new LinkedHashSet<>();
  private final Pass pass;

  /**
   * Which comparison this is: {@code token} the same for every attempt of one pass (the workflow
   * run and the activity's id), {@code retry} whether an earlier attempt of it may have run.
   */
  record Pass(String token, boolean retry) {}

  ListedChanges(BaselineStore store, String collection, Pass pass) {
    this.listed = store.side("listed");
    this.owner = store.owner();
    this.collection = collection;
    this.pass = pass;
    RawBsonDocument d = listed.find(new BsonDocument("_id", new BsonString(collection))).first();
    if (d != null) {
      boolean sameTokenRetry =
          pass.retry()
              && d.containsKey("pass")
              && d.getString("pass").getValue().equals(pass.token());
      read(d.getBinary(sameTokenRetry ? "prev" : "h").getData(), before);
    }
  }

  private static void read(byte[] all, Set<ByteBuffer> into) {
    for (int i = 0; i + HASH <= all.length; i += HASH) {
      into.add(ByteBuffer.wrap(all, i, HASH).slice());
    }
  }

  /**
   * The changes of {@code found} (in order) to name in this pass, at most {@code maxListed}: those
   * the previous pass had not named. Remembers them, with what was found again, for the next pass.
   */
  List<LiveChange> toName(List<LiveChange> found, int maxListed) {
    List<LiveChange> out = new ArrayList<>();
    for (LiveChange c : found) {
      if (LiveChange.CARRIED.equals(c.outcome())) {
        if (out.size() < maxListed) {
          out.add(c);
        }
        continue;
      }
      ByteBuffer h = hash(c);
      if (before.contains(h)) {
        remember(h);
      } else if (out.size() < maxListed) {
        out.add(c);
        remember(h);
      }
    }
    return out;
  }

  /**
   * Records the remembered set for the next pass, and the one it started from for a retry; as the
   * baseline's writers do, a late attempt of a run whose baseline was dropped leaves nothing.
   */
  void save() {
    owner.claim();
    BsonDocument doc =
        new BsonDocument("_id", new BsonString(collection))
            .append("h", new BsonBinary(bytes(after)))
            .append("prev", new BsonBinary(bytes(before)))
            .append("pass", new BsonString(pass.token()));
    listed
        .withDocumentClass(BsonDocument.class)
        .replaceOne(
            new BsonDocument("_id", new BsonString(collection)),
            doc,
            new ReplaceOptions().upsert(true));
    owner.refuseIfDropped();
  }

  private static byte[] bytes(Set<ByteBuffer> hashes) {
    ByteBuffer all = ByteBuffer.allocate(hashes.size() * HASH);
    for (ByteBuffer h : hashes) {
      all.put(h.duplicate());
    }
    return all.array();
  }

  private void remember(ByteBuffer h) {
    if (after.size() < MAX_REMEMBERED) {
      after.add(h);
    }
  }

  private static ByteBuffer hash(LiveChange c) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {c.id(), c.blueChange(), c.outcome(), c.greenChange()}) {
        sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return ByteBuffer.wrap(sha.digest(), 0, HASH).slice();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
