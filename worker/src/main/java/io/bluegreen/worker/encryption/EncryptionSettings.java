package io.bluegreen.worker.encryption;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;

/**
 * The worker configuration's {@code encryption} section: the keys, and the bearer token the codec
 * server asks of its callers (null: none).
 */
public record EncryptionSettings(EncryptionKeys keys, String codecServerToken) {
  public AesGcmPayloadCodec codec() {
    return new AesGcmPayloadCodec(keys);
  }

  /**
   * The default JSON converter with every payload encrypted. Failure messages and stack traces are
   * moved into an encrypted payload too ({@code encodeFailureAttributes}): an activity's error may
   * quote a document's {@code _id} or a database name.
   */
  public DataConverter dataConverter() {
    return new CodecDataConverter(
        DefaultDataConverter.newDefaultInstance(), List.of(codec()), true);
  }

  /** Never prints keys or the token. */
  @Override
  public String toString() {
    return "EncryptionSettings["
        + keys
        + ", codecServerToken="
        + (codecServerToken == null ? "none" : "set")
        + "]";
  }
}
