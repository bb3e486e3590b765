package io.bluegreen.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** The state folder's record of which MongoDB backend the stack started last. */
final class MongoBackendFile {
  private MongoBackendFile() {}

  static Path path(Path stateDir) {
    return stateDir.resolve("mongodb.backend");
  }

  static Optional<MongoBackend> read(Path stateDir) {
    try {
      return Optional.of(MongoBackend.parse(Files.readString(path(stateDir))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | DevStackException e) {
      return Optional.empty(); // unreadable: treated as never recorded
    }
  }

  static void write(Path stateDir, MongoBackend backend) {
    try {
      Files.createDirectories(stateDir);
      Files.writeString(path(stateDir), backend.label() + "\n");
    } catch (IOException e) {
      throw new DevStackException("cannot write " + path(stateDir) + ": " + e.getMessage(), e);
    }
  }
}
