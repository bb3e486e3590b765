package io.bluegreen.worker.encryption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AesGcmPayloadCodecTest {
  record Copy(String collection, String database, String lastId) {}

  private final String k1 = TestKeys.base64(32);
  private final String k2 = TestKeys.base64(32);
  private final Copy copy = new Copy("iap_profiles", "itential_prod", "65f0c0ffee");

  private static Payload json(String text) {
    return DefaultDataConverter.STANDARD_INSTANCE.toPayload(text).orElseThrow();
  }

  private static String text(Payload p) {
    return p.toByteString().toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void aRecordRoundTripsThroughTheEncryptingConverterAndTheStoredBytesHoldNoPlaintext() {
    DataConverter converter =
        new EncryptionSettings(TestKeys.keys("k1", Map.of("k1", k1)), null).dataConverter();
    Payload stored = converter.toPayload(copy).orElseThrow();

    assertTrue(AesGcmPayloadCodec.isEncrypted(stored));
    assertEquals("k1", stored.getMetadataOrThrow(AesGcmPayloadCodec.KEY_ID).toStringUtf8());
    for (String plain :
        List.of("iap_profiles", "itential_prod", "65f0c0ffee", "json/plain", "collection")) {
      assertFalse(text(stored).contains(plain), "stored payload shows " + plain);
    }
    assertEquals(copy, converter.fromPayload(stored, Copy.class, Copy.class));
  }

  @Test
  void everyEncodingUsesAFreshNonce() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(TestKeys.keys("k1", Map.of("k1", k1)));
    Payload p = json("same text");
    ByteString a = codec.encode(List.of(p)).get(0).getData();
    ByteString b = codec.encode(List.of(p)).get(0).getData();
    assertNotEquals(a.substring(0, 12), b.substring(0, 12), "nonces");
    assertNotEquals(a, b);
  }

  @Test
  void aFlippedByteFailsDecodingWithAClearError() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(TestKeys.keys("k1", Map.of("k1", k1)));
    Payload sealed = codec.encode(List.of(json("drain jobs first"))).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length / 2] ^= 0x01;
    Payload tampered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();

    PayloadCodecException e =
        assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(tampered)));
    assertTrue(e.getMessage().contains("failed authentication with key id \"k1\""), e.getMessage());
    assertTrue(e.getMessage().contains("altered"), e.getMessage());
  }

  @Test
  void aPayloadRelabelledWithAnotherKeyIdFailsInsteadOfDecryptingUnderTheWrongKey() {
    AesGcmPayloadCodec codec =
        new AesGcmPayloadCodec(TestKeys.keys("k1", Map.of("k1", k1, "k2", k2)));
    Payload sealed = codec.encode(List.of(json("x"))).get(0);
    Payload relabelled =
        sealed.toBuilder()
            .putMetadata(AesGcmPayloadCodec.KEY_ID, ByteString.copyFromUtf8("k2"))
            .build();
    PayloadCodecException e =
        assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(relabelled)));
    assertTrue(e.getMessage().contains("failed authentication with key id \"k2\""), e.getMessage());
  }

  @Test
  void afterRotationNewPayloadsUseTheNewKeyAndOldOnesStillDecrypt() {
    AesGcmPayloadCodec before = new AesGcmPayloadCodec(TestKeys.keys("k1", Map.of("k1", k1)));
    Payload old = before.encode(List.of(json("written before the rotation"))).get(0);

    AesGcmPayloadCodec after =
        new AesGcmPayloadCodec(TestKeys.keys("k2", Map.of("k1", k1, "k2", k2)));
    Payload fresh = after.encode(List.of(json("written after"))).get(0);

    assertEquals("k2", fresh.getMetadataOrThrow(AesGcmPayloadCodec.KEY_ID).toStringUtf8());
    assertEquals(json("written before the rotation"), after.decode(List.of(old)).get(0));
    assertEquals(json("written after"), after.decode(List.of(fresh)).get(0));
  }

  @Test
  void aPayloadOfARemovedKeyIdSaysWhichKeyToAddBack() {
    Payload old =
        new AesGcmPayloadCodec(TestKeys.keys("k1", Map.of("k1", k1)))
            .encode(List.of(json("x")))
            .get(0);
    AesGcmPayloadCodec withoutK1 = new AesGcmPayloadCodec(TestKeys.keys("k2", Map.of("k2", k2)));
    PayloadCodecException e =
        assertThrows(PayloadCodecException.class, () -> withoutK1.decode(List.of(old)));
    assertTrue(
        e.getMessage().contains("key id \"k1\", which is not among the configured keys [k2]"),
        e.getMessage());
    assertFalse(
        e.getMessage().contains(k1) || e.getMessage().contains(k2),
        "no key material in the message");
  }

  @Test
  void plainPayloadsFromBeforeEncryptionDecodeUnchanged() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(TestKeys.keys("k1", Map.of("k1", k1)));
    Payload plain = json("an old history's input");
    assertEquals(plain, codec.decode(List.of(plain)).get(0));
  }
}
