package io.bluegreen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.worker.SearchIndexActivitiesImpl.Attributes;
import io.bluegreen.worker.encryption.EncryptionKeys;
import io.bluegreen.worker.encryption.Pseudonyms;
import io.bluegreen.workflows.activities.SearchIndexResult;
import io.temporal.api.enums.v1.IndexedValueType;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the worker tells a deployment about its namespace's search attributes. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SearchIndexActivitiesImplTest {
  private static final IndexedValueType KEYWORD = IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  private static final Attributes BOTH =
      new Attributes(
          Map.of(
              "BlueGreenDeployment",
              KEYWORD,
              "BlueGreenPhase",
              KEYWORD,
              "CustomKeywordField",
              KEYWORD),
          "listed");

  @Test
  void bothRegisteredIndexesTheLabelAsItIsWithoutEncryption() {
    SearchIndexResult r =
        SearchIndexActivitiesImpl.answer("default", BOTH, "q4-upgrade", Optional.empty());
    assertTrue(r.registered());
    assertEquals("q4-upgrade", r.deploymentValue());
  }

  @Test
  void underEncryptionTheLabelIsIndexedAsTheCliIndexesIt() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    EncryptionKeys keys =
        new EncryptionKeys("2026-11", Map.of("2026-11", new SecretKeySpec(key, "AES")));
    SearchIndexResult r =
        SearchIndexActivitiesImpl.answer("default", BOTH, "q4-upgrade", Optional.of(keys));
    assertTrue(r.registered());
    assertEquals(
        Pseudonyms.current(keys, "q4-upgrade"),
        r.deploymentValue(),
        "what ./bluegreen list --deployment looks for");
    assertNotEquals("q4-upgrade", r.deploymentValue());
  }

  @Test
  void aMissingAttributeIsNamedAndNothingIsIndexed() {
    Attributes onlyPhase =
        new Attributes(Map.of("BlueGreenPhase", KEYWORD), "according to the operator API");
    SearchIndexResult r =
        SearchIndexActivitiesImpl.answer("prod", onlyPhase, "q4-upgrade", Optional.empty());
    assertFalse(r.registered());
    assertEquals(
        "namespace 'prod' has no search attribute BlueGreenDeployment (according to the operator API)",
        r.note());
  }

  @Test
  void anAttributeOfAnotherTypeIsNotUpserted() {
    Attributes text =
        new Attributes(
            Map.of(
                "BlueGreenDeployment",
                IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
                "BlueGreenPhase",
                KEYWORD),
            "listed");
    SearchIndexResult r =
        SearchIndexActivitiesImpl.answer("prod", text, "q4-upgrade", Optional.empty());
    assertFalse(r.registered());
    assertTrue(r.note().contains("BlueGreenDeployment as TEXT, not Keyword"), r.note());
  }
}
