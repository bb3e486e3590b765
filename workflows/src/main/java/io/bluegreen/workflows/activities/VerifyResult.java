package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bluegreen.workflows.model.*;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The outcome of comparing Blue and Green for one collection (or one {@code range} of it), by _id
 * on canonical BSON. sampleIds lists the first differing _ids (Extended JSON).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyResult(
    @JsonProperty("collection") String collection,
    @JsonProperty("blueDocuments") long blueDocuments,
    @JsonProperty("greenDocuments") long greenDocuments,
    @JsonProperty("blueDigest") String blueDigest,
    @JsonProperty("greenDigest") String greenDigest,
    @JsonProperty("missing") long missing,
    @JsonProperty("extra") long extra,
    @JsonProperty("changed") long changed,
    @JsonProperty("sampleIds") List<String> sampleIds,
    @JsonProperty("match") boolean match,
    @JsonProperty("range") IdRange range) {

  public VerifyResult(
      String collection,
      long blueDocuments,
      long greenDocuments,
      String blueDigest,
      String greenDigest,
      long missing,
      long extra,
      long changed,
      List<String> sampleIds,
      boolean match) {
    this(
        collection,
        blueDocuments,
        greenDocuments,
        blueDigest,
        greenDigest,
        missing,
        extra,
        changed,
        sampleIds,
        match,
        null);
  }

  /**
   * A collection's verification as one result from its ranges' (each compared on its own): counts
   * add up, it matches when every range does, the differing ids are the ranges' in order, and its
   * digest is the SHA-256 of the ranges' digests (a digest of a ranged copy is only comparable with
   * another of the same ranges; Blue and Green are always compared with the same).
   */
  public static VerifyResult ofRanges(String collection, List<VerifyResult> parts, int maxListed) {
    long blue = 0;
    long green = 0;
    long missing = 0;
    long extra = 0;
    long changed = 0;
    boolean match = true;
    List<String> sample = new ArrayList<>();
    MessageDigest blueDigest = sha256();
    MessageDigest greenDigest = sha256();
    for (VerifyResult r : parts) {
      blue += r.blueDocuments();
      green += r.greenDocuments();
      missing += r.missing();
      extra += r.extra();
      changed += r.changed();
      match &= r.match();
      for (String id : r.sampleIds()) {
        if (sample.size() < maxListed) {
          sample.add(id);
        }
      }
      blueDigest.update(String.valueOf(r.blueDigest()).getBytes(StandardCharsets.UTF_8));
      greenDigest.update(String.valueOf(r.greenDigest()).getBytes(StandardCharsets.UTF_8));
    }
    return new VerifyResult(
        collection,
        blue,
        green,
        HexFormat.of().formatHex(blueDigest.digest()),
        HexFormat.of().formatHex(greenDigest.digest()),
        missing,
        extra,
        changed,
        sample,
        match);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
