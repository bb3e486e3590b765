package io.bluegreen.starter;

import io.bluegreen.worker.EncryptionSection;
import io.bluegreen.worker.WorkerConfigException;
import io.bluegreen.worker.encryption.EncryptionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The payload keys the CLI uses, so it reads and writes what the worker encrypts: the {@code
 * encryption} section of the worker configuration named by {@code --worker-config FILE}, else
 * {@code $BLUEGREEN_WORKER_CONFIG}, else {@code ./bluegreen-worker.json} when it exists (the
 * worker's own defaults). Only that section is read, so the CLI needs the key variables but not the
 * worker's database passwords. No file, or no section: plain JSON, as before.
 */
public final class CliEncryption {
  private static final Path DEFAULT_FILE = Path.of("bluegreen-worker.json");
  private static volatile Path explicitFile;
  private static volatile Optional<EncryptionSettings> loaded;

  private CliEncryption() {}

  /** {@code --worker-config FILE}: this file must exist. */
  public static void useWorkerConfig(Path file) {
    explicitFile = file;
    loaded = null;
  }

  public static Optional<EncryptionSettings> settings() {
    Optional<EncryptionSettings> s = loaded;
    if (s == null) {
      s = load(explicitFile, System.getenv("BLUEGREEN_WORKER_CONFIG"), System::getenv);
      loaded = s;
    }
    return s;
  }

  /**
   * The worker configuration the CLI reads keys from: {@code --worker-config}, else {@code
   * $BLUEGREEN_WORKER_CONFIG}, else ./bluegreen-worker.json when it exists; null when none.
   */
  public static Path workerConfigFile() {
    return file(explicitFile, System.getenv("BLUEGREEN_WORKER_CONFIG"));
  }

  private static Path file(Path explicit, String envFile) {
    return explicit != null
        ? explicit
        : envFile != null && !envFile.isBlank()
            ? Path.of(envFile)
            : Files.exists(DEFAULT_FILE) ? DEFAULT_FILE : null;
  }

  static Optional<EncryptionSettings> load(
      Path explicit, String envFile, Function<String, String> env) {
    Path file = file(explicit, envFile);
    if (file == null) {
      return Optional.empty();
    }
    try {
      return EncryptionSection.fromFile(file, env);
    } catch (WorkerConfigException e) {
      throw CliException.usage(
          e.getMessage()
              + " (the CLI reads the encryption keys from the worker configuration:"
              + " --worker-config FILE or BLUEGREEN_WORKER_CONFIG)");
    }
  }
}
