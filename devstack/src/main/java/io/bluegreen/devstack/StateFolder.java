package io.bluegreen.devstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The local stack's state folder (pid files, logs, data files, the worker's configuration): the one
 * thing two JVMs driving the same stack share, so it is where they take turns.
 */
final class StateFolder {
  private StateFolder() {}

  /**
   * Runs {@code action} holding a lock file in the state folder, so that two {@code up}s at once
   * (two terminals, or a test beside the demo) start each piece once: the second waits, then finds
   * everything running.
   */
  static void underLock(Path stateDir, Runnable action) {
    try {
      Files.createDirectories(stateDir);
      try (FileChannel channel =
              FileChannel.open(
                  stateDir.resolve("stack.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        action.run();
      }
    } catch (IOException e) {
      throw new DevStackException("cannot lock " + stateDir + ": " + e.getMessage(), e);
    }
  }

  static void delete(Path root) {
    try {
      FileTrees.delete(root);
    } catch (IOException e) {
      throw new DevStackException("cannot delete " + root + ": " + e.getMessage(), e);
    }
  }
}
