package io.bluegreen.starter.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * What a bench run keeps in the in-memory emulator at once, and the -Xmx it gets: checked before
 * anything is seeded, so a size that cannot fit is refused with the size that does, instead of the
 * emulator refusing a write (ExceededMemoryLimit) minutes into the run.
 *
 * <p>The bench drops every copy as soon as it is measured, so at most Blue and one copy of it are
 * held at once: twice the documents.
 */
public final class EmulatorBudget {
  /**
   * Emulator heap per stored ~1 KB workflow document: mongo-java-server on H2 keeps every document
   * as Java objects. Measured live after a full GC ({@code jcmd GC.heap_info}): 50,000 documents
   * took 480 MB, 9.8 KB each; rounded up for what the run adds around them.
   */
  static final long BYTES_PER_DOCUMENT = 11 * 1024;

  /** The same for the ~110-byte documents of {@code --small}: 100,000 took 86 MB. */
  static final long BYTES_PER_SMALL_DOCUMENT = 1024;

  /** A 1 MB document in the emulator's heap, with room for the bytes it is sent in. */
  static final long BYTES_PER_LARGE_DOCUMENT = 2L * 1024 * 1024;

  /** The emulator itself, the cutover window's baseline and the whole-deployment run's data. */
  static final long FIXED_BYTES = 512L * 1024 * 1024;

  /**
   * The emulator's guard refuses writes past this share of its heap
   * (DevMongoServer.HEAP_FULL_FRACTION).
   */
  static final double GUARD_FRACTION = 0.8;

  /**
   * Left to everything else the bench starts: the measuring JVM (-Xmx plus native memory), Redis,
   * the launcher.
   */
  static final long RESERVE_BYTES = 1536L * 1024 * 1024;

  /**
   * Of what is left, the emulator's heap: its JVM takes about a tenth more (GC structures,
   * metaspace, threads).
   */
  static final double HEAP_SHARE = 0.9;

  /**
   * An automatic heap goes to 1.5 times what the run needs at most: more would only hold garbage,
   * which the JVM lets grow up to its -Xmx, out of memory other processes need.
   */
  static final double AUTO_HEADROOM = 1.5;

  static final long MB = 1024 * 1024;
  static final double GB = 1024.0 * MB;

  /** The emulator's -Xmx and how it was chosen, or why the run cannot go ahead. */
  public record Plan(String heap, String note, String refusal) {
    public Optional<String> refused() {
      return Optional.ofNullable(refusal);
    }
  }

  private final int documents;
  private final int large;
  private final boolean small;

  public EmulatorBudget(int documents, int large, boolean small) {
    this.documents = documents;
    this.large = large;
    this.small = small;
  }

  private long perDocument() {
    return small ? BYTES_PER_SMALL_DOCUMENT : BYTES_PER_DOCUMENT;
  }

  /** Bytes of data held at once at the run's peak: Blue and one copy. */
  long keptAtOnce() {
    return 2L * documents * perDocument() + 2L * large * BYTES_PER_LARGE_DOCUMENT + FIXED_BYTES;
  }

  /** The smallest -Xmx whose guard lets {@link #keptAtOnce} in. */
  long heapNeeded() {
    return (long) Math.ceil(keptAtOnce() / GUARD_FRACTION);
  }

  /**
   * The most {@code --documents} an emulator heap of {@code heapBytes} holds, with the same other
   * options.
   */
  long documentsThatFit(long heapBytes) {
    long room =
        (long) (heapBytes * GUARD_FRACTION) - FIXED_BYTES - 2L * large * BYTES_PER_LARGE_DOCUMENT;
    return Math.max(0, room / (2 * perDocument()));
  }

  /**
   * @param asked {@code auto} (sized from {@code availableBytes}) or an -Xmx size such as {@code
   *     6g}
   * @param availableBytes the machine's available memory (MemAvailable) now
   */
  public Plan plan(String asked, long availableBytes) {
    long usable = (long) ((availableBytes - RESERVE_BYTES) * HEAP_SHARE);
    long needed = heapNeeded();
    String kind = small ? "~110-byte" : "~1 KB";
    String need =
        String.format(
            Locale.ROOT,
            "--documents %,d of %s documents%s keep about %.1f GB in the emulator's heap at once "
                + "(Blue and one copy, about %.1f KB a document in its heap), so it needs an emulator heap of %.1f GB or more",
            documents,
            kind,
            large > 0 ? " and --large " + large : "",
            keptAtOnce() / GB,
            perDocument() / 1024.0,
            needed / GB);
    String free =
        String.format(
            Locale.ROOT,
            "%.1f GB of heap available here (MemAvailable %.1f GB, less %.1f GB for the measuring JVM and Redis "
                + "and a tenth for the emulator's own JVM)",
            usable / GB,
            availableBytes / GB,
            RESERVE_BYTES / GB);
    if (asked.equalsIgnoreCase("auto")) {
      if (needed > usable) {
        return refusal(
            String.format(
                Locale.ROOT,
                "bench: %s; %s holds --documents %,d. Run with --documents %d or fewer, "
                    + "or --small (documents of about 110 bytes), or --mongo ferretdb (disk-backed), or free memory.",
                need,
                free,
                documentsThatFit(usable),
                roundDown(documentsThatFit(usable))));
      }
      long heap = Math.min(usable, (long) (AUTO_HEADROOM * needed));
      return new Plan(
          ceilMb(heap) + "m",
          String.format(
              Locale.ROOT,
              "emulator heap -Xmx%dm (--mongo-heap auto: this run keeps about %.1f GB at once; %.1f GB of heap available)",
              ceilMb(heap),
              keptAtOnce() / GB,
              usable / GB),
          null);
    }
    long heap = parseSize(asked);
    if (heap < 0) {
      return refusal(
          "bench: --mongo-heap "
              + asked
              + " is not a heap size: write `auto` or a size as -Xmx takes it, e.g. 6g or 4096m");
    }
    if (needed > heap) {
      return refusal(
          String.format(
              Locale.ROOT,
              "bench: %s; --mongo-heap %s holds --documents %,d. Run with --documents %d or fewer, "
                  + "or a larger --mongo-heap (or leave it out: auto sizes it from the memory available: %s), or --small, or --mongo ferretdb.",
              need,
              asked,
              documentsThatFit(heap),
              roundDown(documentsThatFit(heap)),
              free));
    }
    String note =
        String.format(
            Locale.ROOT,
            "emulator heap -Xmx%s (--mongo-heap; this run keeps about %.1f GB at once)",
            asked,
            keptAtOnce() / GB);
    if (heap > usable) {
      note += String.format(Locale.ROOT, "; warning: more than the %s", free);
    }
    return new Plan(asked, note, null);
  }

  private static Plan refusal(String message) {
    return new Plan(null, null, message);
  }

  private static long ceilMb(long bytes) {
    return (bytes + MB - 1) / MB;
  }

  /** A round figure to suggest: two significant digits, never above {@code n}. */
  static long roundDown(long n) {
    long unit = 1;
    while (n / unit >= 100) {
      unit *= 10;
    }
    return n / unit * unit;
  }

  /** An -Xmx size ({@code 6g}, {@code 4096m}, {@code 1048576k}) in bytes, or -1. */
  static long parseSize(String size) {
    String s = size.strip().toLowerCase(Locale.ROOT);
    if (!s.matches("[1-9][0-9]*[kmg]")) {
      return -1;
    }
    long n = Long.parseLong(s.substring(0, s.length() - 1));
    return switch (s.charAt(s.length() - 1)) {
      case 'g' -> n * 1024 * MB;
      case 'm' -> n * MB;
      default -> n * 1024;
    };
  }
}
