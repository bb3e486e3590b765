package io.bluegreen.devtools;

import io.bluegreen.devstack.EmulatorHeap;
import io.bluegreen.devstack.JavaCommand;
import io.bluegreen.devstack.MongoBackend;
import io.bluegreen.starter.CliException;
import io.bluegreen.starter.Home;
import io.bluegreen.starter.bench.BenchRun;
import io.bluegreen.starter.bench.EmulatorBudget;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The copy and verify engine against the raw driver, in one run, on a MongoDB-wire server of its
 * own (random ports; never the dev stack's). The measured part runs in a child JVM with the heap a
 * worker would get ({@code --heap}, default 256m), so the peak heap printed is a worker's.
 */
@Command(
    name = "bench",
    description =
        "Measure copy and verify throughput against the raw driver, the worker's peak heap, and a deployment's history size.")
public final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--documents",
      defaultValue = "200000",
      paramLabel = "N",
      description = "Documents of about 1 KB to copy. Default: ${DEFAULT-VALUE}.")
  int documents;

  @Option(
      names = "--large",
      defaultValue = "5",
      paramLabel = "M",
      description = "Documents of 1 MB, copied in a run of their own. Default: ${DEFAULT-VALUE}.")
  int large;

  @Option(
      names = "--collections",
      defaultValue = "20",
      paramLabel = "K",
      description =
          "Collections in the full deployment whose history events are counted (at least 9). Default: ${DEFAULT-VALUE}.")
  int collections;

  @Option(
      names = "--heap",
      defaultValue = "256m",
      paramLabel = "SIZE",
      description = "-Xmx of the measuring JVM (the worker's heap). Default: ${DEFAULT-VALUE}.")
  String heap;

  @Option(
      names = "--mongo-heap",
      defaultValue = "auto",
      paramLabel = "SIZE|auto",
      description =
          "-Xmx of the MongoDB-wire emulator, which holds every document in memory (Blue and one copy at once, about 11 KB a 1 KB document): "
              + "`auto` sizes it from the memory available (MemAvailable) and refuses, before seeding, a --documents that cannot fit. Default: ${DEFAULT-VALUE}.")
  String mongoHeap;

  @Option(
      names = "--mongo",
      defaultValue = "emulator",
      paramLabel = "emulator|ferretdb",
      description =
          "The MongoDB-wire server: `emulator` (in memory; Blue, Green and the raw copy all in its heap) or `ferretdb` "
              + "(disk-backed, for sizes the emulator cannot hold, e.g. 1,000,000 with --heap-only). Default: ${DEFAULT-VALUE}.")
  String mongo;

  @Option(
      names = "--small",
      description =
          "Documents of about 110 bytes instead of 1 KB: a million of them fit the in-memory emulator twice over.")
  boolean small;

  @Option(
      names = "--heap-only",
      description =
          "Only our copy, verification and cutover-window passes, once each, and the peak heap: for sizes such as 1,000,000 where the raw loops would take hours.")
  boolean heapOnly;

  @Override
  public Integer call() throws Exception {
    if (documents < 1000 || large < 0 || collections < 9) {
      throw CliException.usage(
          "bench needs --documents >= 1000, --large >= 0 and --collections >= 9");
    }
    MongoBackend backend = MongoBackend.parse(mongo);
    String emulatorHeap = mongoHeap;
    if (backend == MongoBackend.EMULATOR) {
      // Before anything is started or seeded: a size that cannot fit is refused now, with the size
      // that does.
      EmulatorBudget.Plan plan =
          new EmulatorBudget(documents, large, small)
              .plan(mongoHeap, EmulatorHeap.availableMemoryBytes());
      if (plan.refused().isPresent()) {
        throw CliException.usage(plan.refusal());
      }
      emulatorHeap = plan.heap();
      System.out.println("bench: " + plan.note());
    }
    List<String> command =
        JavaCommand.of(
            BenchRun.class.getName(),
            List.of("-Xmx" + heap, "-DBLUEGREEN_LOG_LEVEL=WARN"),
            List.of(
                String.valueOf(documents),
                String.valueOf(large),
                String.valueOf(collections),
                heap,
                Home.get().toString(),
                emulatorHeap,
                heapOnly ? "heap-only" : "all",
                backend.label(),
                small ? "small" : "1k"));
    Process p = new ProcessBuilder(command).inheritIO().start();
    try {
      return p.waitFor();
    } finally {
      p.destroy();
    }
  }
}
