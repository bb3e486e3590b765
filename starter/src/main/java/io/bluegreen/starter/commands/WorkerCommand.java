package io.bluegreen.starter.commands;

import io.bluegreen.worker.WorkerMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "worker",
    description = "Run a worker in this process (polls task queue blue-green) until SIGTERM.")
public final class WorkerCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Worker configuration naming the MongoDB/Redis connections (default: $BLUEGREEN_WORKER_CONFIG, else ./bluegreen-worker.json).")
  Path config;

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>();
    if (config != null) {
      args.add("--config");
      args.add(config.toString());
    }
    WorkerMain.main(args.toArray(String[]::new));
    return 0;
  }
}
