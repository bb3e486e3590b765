package io.bluegreen.starter;

import io.bluegreen.workflows.model.CollectionProgress;

/** Text progress bars, one per collection, for `watch` and `demo`. */
public final class ProgressBars {
  private ProgressBars() {}

  public static String bar(long done, long total, int width) {
    double f = total <= 0 ? (done > 0 ? 1 : 0) : Math.min(1.0, (double) done / total);
    int filled = (int) Math.round(f * width);
    return "["
        + "#".repeat(filled)
        + "-".repeat(width - filled)
        + "] "
        + String.format("%3d%%", Math.round(f * 100));
  }

  public static String render(StatusView view) {
    return render(view, new CopyRates());
  }

  /** The bars, with documents/s, MB/s and ETA for copies that {@code rates} has seen move. */
  public static String render(StatusView view, CopyRates rates) {
    var status = view.status();
    if (status == null || status.collections() == null || status.collections().isEmpty()) {
      return "";
    }
    int nameWidth = status.collections().stream().mapToInt(c -> c.name().length()).max().orElse(10);
    StringBuilder sb = new StringBuilder();
    for (CollectionProgress c : status.collections()) {
      long copied = view.copied(c.name(), c.copied());
      String state;
      if (c.match() != null) {
        state = c.match() ? "verified" : "DIFFERS";
      } else if (view.copying(c.name())) {
        state =
            "copying"
                + rates.rate(c.name(), c.documents()).map(r -> "  " + r.describe()).orElse("");
      } else if (copied >= c.documents() && copied > 0) {
        state = "copied";
      } else {
        state = "";
      }
      sb.append(
          String.format(
              "  %-" + nameWidth + "s %s %,d/%,d %s%n",
              c.name(),
              bar(copied, c.documents(), 30),
              copied,
              c.documents(),
              state));
    }
    return sb.toString();
  }
}
