package io.bluegreen.starter.commands;

import io.bluegreen.starter.CliException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "worker", description = "Run a worker in this process (polls task queue blue-green).")
public final class WorkerCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "Worker configuration (MongoDB/Redis connections).")
  Path config;

  @Override
  public Integer call() throws Exception {
    List<String> args = new ArrayList<>();
    if (config != null) {
      args.add("--config");
      args.add(config.toString());
    }
    Method main;
    try {
      // By name, because the worker module is built separately and may be newer than this one.
      main = Class.forName("io.bluegreen.worker.WorkerMain").getMethod("main", String[].class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      throw new CliException("the worker is not built: run ./bluegreen from the repository root so it builds every module", e);
    }
    try {
      main.invoke(null, (Object) args.toArray(String[]::new));
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
    }
    return 0;
  }
}
