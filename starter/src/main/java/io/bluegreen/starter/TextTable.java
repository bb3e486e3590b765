package io.bluegreen.starter;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns sized to their widest cell. */
public final class TextTable {
  private final List<String[]> rows = new ArrayList<>();
  private final boolean[] rightAligned;

  public TextTable(String... header) {
    rows.add(header);
    rightAligned = new boolean[header.length];
  }

  public TextTable right(int... columns) {
    for (int c : columns) {
      rightAligned[c] = true;
    }
    return this;
  }

  public TextTable row(Object... cells) {
    String[] r = new String[rows.get(0).length];
    for (int i = 0; i < r.length; i++) {
      r[i] = i < cells.length && cells[i] != null ? String.valueOf(cells[i]) : "";
    }
    rows.add(r);
    return this;
  }

  public int size() {
    return rows.size() - 1;
  }

  public String render(String indent) {
    int[] w = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < w.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < w.length; i++) {
        String pad = " ".repeat(w[i] - r[i].length());
        line.append(rightAligned[i] ? pad + r[i] : r[i] + pad);
        if (i < w.length - 1) {
          line.append("  ");
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
