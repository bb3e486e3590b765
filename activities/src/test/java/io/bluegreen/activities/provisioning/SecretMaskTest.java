package io.bluegreen.activities.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which fields of a service config count as credentials, and what a masked value still shows. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SecretMaskTest {
  @Test
  void credentialFieldsByTheirWords() {
    for (String name :
        List.of(
            "password",
            "adminPassword",
            "db_password",
            "PASSWORD",
            "passwd",
            "secret",
            "clientSecret",
            "secret_access_key",
            "apiKey",
            "api-key",
            "privateKey",
            "key",
            "token",
            "accessToken",
            "refresh_token",
            "credentials",
            "awsCredentials",
            "db_pass",
            "passphrase",
            "passwordFile",
            "auth",
            "basicAuth",
            "Authorization")) {
      assertTrue(SecretMask.isCredentialField(name), name);
    }
    // Settings about keys and tokens, not keys or tokens: shown.
    for (String name :
        List.of(
            "keyPrefix",
            "keys",
            "keyFile",
            "tokenTtl",
            "tokenExpiry",
            "monkey",
            "keyboard",
            "passThrough",
            "username",
            "host",
            "url",
            "bypass",
            "compass",
            "tokens",
            "authentication",
            "authType",
            "oauthProvider")) {
      assertFalse(SecretMask.isCredentialField(name), name);
    }
  }

  @Test
  void urlUserInfoIsHiddenWhateverTheField() {
    assertEquals(
        "mongodb://***@db1:27017,db2:27017/itential?authSource=admin",
        SecretMask.maskUrls(
            "mongodb://admin:p%40ss@db1:27017,db2:27017/itential?authSource=admin"));
    assertEquals(
        "see amqp://***@rabbit/vhost and https://***@api.example.com/x",
        SecretMask.maskUrls(
            "see amqp://guest:guest@rabbit/vhost and https://token@api.example.com/x"));
    assertEquals(
        "mongodb+srv://***@cluster.example.net",
        SecretMask.maskUrls("mongodb+srv://u:p@ss@cluster.example.net"));
    assertEquals(
        "https://api.example.com/a@b",
        SecretMask.maskUrls("https://api.example.com/a@b"),
        "an @ in the path is no user info");
    assertEquals("mailto:ops@example.com", SecretMask.maskUrls("mailto:ops@example.com"));
  }

  @Test
  void nestedValuesAreMaskedAtAnyDepth() {
    Object masked =
        SecretMask.mask(
            Document.parse(
                """
        {"hosts": ["redis://:pw@r1:6379"], "login": {"user": "u", "password": "pw"}, "token": {"value": "t"}}"""));
    assertEquals(
        "{\"hosts\": [\"redis://***@r1:6379\"], \"login\": {\"user\": \"u\", \"password\": \"***\"}, \"token\": \"***\"}",
        ((Document) masked).toJson());
  }
}
