package io.bluegreen.devtools;

import io.bluegreen.starter.CheckoutCommands;
import java.util.List;

/**
 * The checkout's commands, found by the CLI through META-INF/services when this module is on the
 * class path.
 */
public final class DevtoolsCommands implements CheckoutCommands {
  @Override
  public List<Object> commands() {
    return List.of(new DevCommand(), new DemoCommand(), new BenchCommand());
  }
}
