package io.bluegreen.starter.commands;

import io.bluegreen.starter.Home;
import io.bluegreen.starter.release.ReleasePackage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "package",
    description =
        "Builds the release tarball bluegreen-VERSION.tar.gz (bin/bluegreen, the jars, example configuration and request, a systemd unit, an operator's README); it needs only a Java 17 runtime.")
public final class PackageCommand implements Callable<Integer> {
  @Option(
      names = "--output",
      paramLabel = "DIR",
      description = "Where to write the tarball. Default: target/ of the source tree.")
  Path output;

  @Override
  public Integer call() {
    Path home = Home.get();
    Path tarball =
        ReleasePackage.build(
            home, output != null ? output.toAbsolutePath() : home.resolve("target"));
    System.out.println(tarball);
    return 0;
  }
}
