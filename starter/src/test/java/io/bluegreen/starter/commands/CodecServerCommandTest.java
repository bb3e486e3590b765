package io.bluegreen.starter.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.starter.CliEncryption;
import io.bluegreen.starter.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CodecServerCommandTest {
  @TempDir Path dir;

  @Test
  void originsAreTheUisSchemeHostAndPortOnly() {
    assertEquals(
        Set.of("http://localhost:8233", "http://127.0.0.1:8233"), CodecServerCommand.origins(null));
    assertEquals(
        Set.of("https://temporal.example.com"),
        CodecServerCommand.origins(List.of("https://temporal.example.com/")));
    CliException withPath =
        assertThrows(
            CliException.class,
            () -> CodecServerCommand.origins(List.of("https://temporal.example.com/namespaces")));
    assertTrue(
        withPath.getMessage().contains("must be scheme://host[:port] without a path"),
        withPath.getMessage());
    assertThrows(
        CliException.class, () -> CodecServerCommand.origins(List.of("temporal.example.com")));
  }

  @Test
  void aConfigurationWithoutKeysIsRefusedBeforeListening() throws Exception {
    Path plain = dir.resolve("plain.json");
    Files.writeString(plain, "{\"mongo\": {\"local\": {\"uri\": \"mongodb://127.0.0.1\"}}}");
    CodecServerCommand command = new CodecServerCommand();
    command.config = plain;
    command.port = 0;
    command.host = "127.0.0.1";
    CliException e = assertThrows(CliException.class, command::call);
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().contains("has no encryption section"), e.getMessage());
  }

  @Test
  void withoutABearerTokenItListensOnlyOnLoopback() {
    CliException open =
        assertThrows(
            CliException.class, () -> CodecServerCommand.refuseOpenListener("0.0.0.0", null));
    assertTrue(
        open.getMessage().contains("encryption.codecServer.bearerToken is not set"),
        open.getMessage());
    CodecServerCommand.refuseOpenListener("0.0.0.0", "a-token");
    CodecServerCommand.refuseOpenListener("127.0.0.1", null);
    CodecServerCommand.refuseOpenListener("localhost", null);
  }

  @Test
  void theGlobalWorkerConfigIsUsedWhenNoConfigIsGiven() throws Exception {
    Path plain = dir.resolve("global.json");
    Files.writeString(plain, "{\"mongo\": {\"local\": {\"uri\": \"mongodb://127.0.0.1\"}}}");
    CliEncryption.useWorkerConfig(plain);
    try {
      CodecServerCommand command = new CodecServerCommand();
      command.port = 0;
      command.host = "127.0.0.1";
      CliException e = assertThrows(CliException.class, command::call);
      assertTrue(
          e.getMessage().contains(plain.toString())
              && e.getMessage().contains("has no encryption section"),
          e.getMessage());
    } finally {
      CliEncryption.useWorkerConfig(null);
    }
  }
}
