package io.bluegreen.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the worker configuration of the local stack: one MongoDB and one Redis, both named local.
 */
final class WorkerConfigFile {
  private WorkerConfigFile() {}

  static void write(Path file, String mongoUri, String redisUri) {
    String json =
        "{\n"
            + "  \"mongo\": {\"local\": {\"uri\": \""
            + mongoUri
            + "\"}},\n"
            + "  \"redis\": {\"local\": {\"uri\": \""
            + redisUri
            + "\"}}\n"
            + "}\n";
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DevStackException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
