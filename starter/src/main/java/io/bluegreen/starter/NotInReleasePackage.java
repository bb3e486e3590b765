package io.bluegreen.starter;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * What the release package answers to {@code dev}, {@code demo} or {@code bench}: they run the
 * local development stack, which the package does not hold. Hidden from help; whatever follows the
 * name is taken as is, so the answer is this and never an "unknown option".
 */
@Command(hidden = true)
final class NotInReleasePackage implements Callable<Integer> {
  private final String name;
  private final List<String> available;

  @Parameters(arity = "0..*", hidden = true)
  List<String> ignored;

  private NotInReleasePackage(String name, List<String> available) {
    this.name = name;
    this.available = available;
  }

  /** Adds the answer under each of {@link CheckoutCommands#NAMES} to {@code cli}. */
  static void addTo(CommandLine cli) {
    List<String> available = List.copyOf(cli.getSubcommands().keySet());
    for (String name : CheckoutCommands.NAMES) {
      cli.addSubcommand(
          name,
          new CommandLine(new NotInReleasePackage(name, available))
              .setUnmatchedOptionsArePositionalParams(true));
    }
  }

  @Override
  public Integer call() {
    throw CliException.usage(
        "`bluegreen "
            + name
            + "` is not in the release package: it runs the local development stack."
            + " Run it from a bluegreen source checkout: ./bluegreen "
            + name
            + "\n"
            + "This package's commands: "
            + String.join(", ", available));
  }
}
