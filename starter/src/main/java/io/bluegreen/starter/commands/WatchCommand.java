package io.bluegreen.starter.commands;

import io.bluegreen.starter.Temporal;
import io.bluegreen.starter.Watcher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "watch", description = "Follow a deployment with progress bars until it ends.")
public final class WatchCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "Workflow ID.")
  String id;

  @Override
  public Integer call() {
    return Watcher.forTerminal(Temporal.connect(), id).run();
  }
}
