package io.bluegreen.worker.encryption;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts each whole payload (its metadata and data, serialized) with AES-256-GCM, so the Temporal
 * service stores neither the JSON nor its encoding. The result's metadata says {@code encoding:
 * binary/encrypted} and names the key id; its data is a fresh random 12-byte nonce followed by the
 * ciphertext and GCM tag. The key id is also the GCM associated data, so a payload relabelled with
 * another key id fails authentication instead of decrypting under the wrong key.
 *
 * <p>Decoding leaves payloads of any other encoding as they are: histories written before
 * encryption was switched on stay readable.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {
  public static final String ENCODING = "binary/encrypted";
  public static final String KEY_ID = "encryption-key-id";
  public static final String CIPHER_KEY = "encryption-cipher";
  static final String CIPHER = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);

  private final EncryptionKeys keys;
  private final SecureRandom random = new SecureRandom();

  public AesGcmPayloadCodec(EncryptionKeys keys) {
    this.keys = keys;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload p : payloads) {
      out.add(encrypt(p));
    }
    return out;
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload p : payloads) {
      out.add(isEncrypted(p) ? decrypt(p) : p);
    }
    return out;
  }

  public static boolean isEncrypted(Payload p) {
    return ENCODING_BYTES.equals(p.getMetadataOrDefault("encoding", ByteString.EMPTY));
  }

  private Payload encrypt(Payload plain) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    String keyId = keys.currentKeyId();
    byte[] sealed;
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.current(), nonce, keyId);
      sealed = cipher.doFinal(plain.toByteArray());
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(
          "cannot encrypt a payload with key id \"" + keyId + "\": " + e.getClass().getSimpleName(),
          e);
    }
    byte[] data = new byte[NONCE_BYTES + sealed.length];
    System.arraycopy(nonce, 0, data, 0, NONCE_BYTES);
    System.arraycopy(sealed, 0, data, NONCE_BYTES, sealed.length);
    return Payload.newBuilder()
        .putMetadata("encoding", ENCODING_BYTES)
        .putMetadata(CIPHER_KEY, ByteString.copyFromUtf8(CIPHER))
        .putMetadata(KEY_ID, ByteString.copyFromUtf8(keyId))
        .setData(ByteString.copyFrom(data))
        .build();
  }

  private Payload decrypt(Payload sealed) {
    ByteString idBytes = sealed.getMetadataOrDefault(KEY_ID, null);
    if (idBytes == null) {
      throw new PayloadCodecException(
          "an encrypted payload has no "
              + KEY_ID
              + " in its metadata; it was not written by bluegreen's codec");
    }
    String keyId = idBytes.toStringUtf8();
    SecretKey key = keys.keys().get(keyId);
    if (key == null) {
      throw new PayloadCodecException(
          "a payload is encrypted with key id \""
              + keyId
              + "\", which is not among the configured keys "
              + keys.keyIds()
              + "; add that key to encryption.keys (retired keys stay there for decryption)");
    }
    byte[] data = sealed.getData().toByteArray();
    if (data.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new PayloadCodecException(
          "an encrypted payload (key id \""
              + keyId
              + "\") is too short to hold a nonce and tag: it was truncated");
    }
    byte[] plain;
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(data, NONCE_BYTES), keyId);
      plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new PayloadCodecException(
          "an encrypted payload failed authentication with key id \""
              + keyId
              + "\": it was altered, or that key id now names a different key than the one it was written with",
          e);
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(
          "cannot decrypt a payload with key id \"" + keyId + "\": " + e.getClass().getSimpleName(),
          e);
    }
    try {
      return Payload.parseFrom(plain);
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException(
          "a payload decrypted with key id \"" + keyId + "\" does not hold a Temporal payload", e);
    }
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String keyId)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(CIPHER);
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
