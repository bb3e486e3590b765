package io.bluegreen.starter;

import io.bluegreen.starter.commands.AbortCommand;
import io.bluegreen.starter.commands.ApproveCommand;
import io.bluegreen.starter.commands.AuditCommand;
import io.bluegreen.starter.commands.CarryBackCommand;
import io.bluegreen.starter.commands.CodecServerCommand;
import io.bluegreen.starter.commands.DiffCommand;
import io.bluegreen.starter.commands.FinalizeCommand;
import io.bluegreen.starter.commands.ListCommand;
import io.bluegreen.starter.commands.PackageCommand;
import io.bluegreen.starter.commands.PlanCommand;
import io.bluegreen.starter.commands.ResyncCommand;
import io.bluegreen.starter.commands.RollbackCommand;
import io.bluegreen.starter.commands.StartCommand;
import io.bluegreen.starter.commands.StatusCommand;
import io.bluegreen.starter.commands.WatchCommand;
import io.bluegreen.starter.commands.WorkerCommand;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.ServiceLoader.Provider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(
    name = "bluegreen",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Blue-green deployments of Itential Platform stacks (MongoDB + Redis) on Temporal.",
    subcommands = {
      PlanCommand.class,
      StartCommand.class,
      StatusCommand.class,
      WatchCommand.class,
      ApproveCommand.class,
      RollbackCommand.class,
      AbortCommand.class,
      ResyncCommand.class,
      FinalizeCommand.class,
      DiffCommand.class,
      CarryBackCommand.class,
      AuditCommand.class,
      ListCommand.class,
      WorkerCommand.class,
      CodecServerCommand.class,
      PackageCommand.class
    })
public final class BluegreenCli implements Runnable {
  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces and client logs.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--worker-config",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "Worker configuration whose encryption section holds the payload keys (default: $BLUEGREEN_WORKER_CONFIG, else ./bluegreen-worker.json if present).")
  void workerConfig(Path file) {
    CliEncryption.useWorkerConfig(file);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    // Before any logger exists: the worker module's logback.xml reads this. The operator wants
    // answers, not the SDK's chatter; the worker command keeps its own level.
    if (args.length == 0 || !args[0].equals("worker")) {
      if (System.getProperty("BLUEGREEN_LOG_LEVEL") == null) {
        System.setProperty("BLUEGREEN_LOG_LEVEL", verbose ? "INFO" : "WARN");
      }
    }
    if (verbose && System.getProperty("BLUEGREEN_SDK_ACTIVITY_LOG_LEVEL") == null) {
      // The SDK's stack trace for every failed activity attempt, retried or not (logback.xml).
      System.setProperty("BLUEGREEN_SDK_ACTIVITY_LOG_LEVEL", "WARN");
    }
    CommandLine cli = commandLine();
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          RuntimeException translated =
              e instanceof RuntimeException r ? Temporal.translate(r) : null;
          Throwable shown = translated != null ? translated : e;
          if (verbose) {
            e.printStackTrace(commandLine.getErr());
          }
          if (shown instanceof CliException c) {
            commandLine.getErr().println(c.getMessage());
            return c.exitCode();
          }
          commandLine.getErr().println("error: " + oneLine(shown));
          if (!verbose) {
            commandLine.getErr().println("(run again with --verbose for details)");
          }
          return 1;
        });
    return cli.execute(args);
  }

  /**
   * The CLI with its commands: the operator's, then those of a checkout (dev, demo, bench) when the
   * devtools module is on the class path — or, in the release package, an answer saying where to
   * run them — then help.
   */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new BluegreenCli());
    List<CheckoutCommands> checkout =
        ServiceLoader.load(CheckoutCommands.class).stream().map(Provider::get).toList();
    if (checkout.isEmpty()) {
      NotInReleasePackage.addTo(cli);
    }
    for (CheckoutCommands commands : checkout) {
      commands.commands().forEach(cli::addSubcommand);
    }
    cli.addSubcommand(new CommandLine.HelpCommand());
    return cli;
  }

  private static String oneLine(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      m = t.getClass().getSimpleName();
    }
    return m.lines().findFirst().orElse(m);
  }
}
