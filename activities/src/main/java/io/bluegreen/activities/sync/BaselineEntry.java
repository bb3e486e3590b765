package io.bluegreen.activities.sync;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * One entry of a baseline: a document's {@code _id} and the hash of its BSON. The baseline's
 * chunks, the config hashes and the three-way merge all compare documents by these hashes.
 */
final class BaselineEntry {
  static final int HASH_BYTES = 16;

  /**
   * One digest per thread: a pass hashes every Blue document, and creating a digest is not free.
   */
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(BaselineEntry::sha256);

  private BaselineEntry() {}

  /** {@code {_id: <id>, h: <hash>}}. */
  static BsonDocument of(BsonValue id, byte[] hash) {
    return new BsonDocument("_id", plain(id)).append("h", new BsonBinary(hash));
  }

  /**
   * An {@code _id} read from a raw document, as an ordinary value: an embedded document comes as a
   * RawBsonDocument, which the driver encoded as a second {@code _id} field when it was the {@code
   * _id} of a document to insert (the emulator then dropped the connection).
   */
  static BsonValue plain(BsonValue id) {
    return id instanceof RawBsonDocument raw ? raw.decode(new BsonDocumentCodec()) : id;
  }

  /** First {@link #HASH_BYTES} bytes of SHA-256 over the document's BSON. */
  static byte[] hash(RawBsonDocument doc) {
    ByteBuffer bytes = doc.getByteBuffer().asNIO();
    MessageDigest d = DIGEST.get();
    d.update(bytes);
    byte[] full = d.digest();
    byte[] out = new byte[HASH_BYTES];
    System.arraycopy(full, 0, out, 0, HASH_BYTES);
    return out;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
