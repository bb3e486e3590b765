package io.bluegreen.activities.support;

import org.bson.Document;

/** Reads and writes a value at a dotted path ({@code a.b.c}) inside a document. */
public final class DottedPath {
  private DottedPath() {}

  /** The value at the path, or null when any step is missing or not a document. */
  public static Object get(Document doc, String path) {
    Object current = doc;
    for (String part : path.split("\\.")) {
      if (!(current instanceof Document d)) {
        return null;
      }
      current = d.get(part);
    }
    return current;
  }

  /** Sets the value, creating (or replacing non-document) intermediate steps. */
  public static void set(Document doc, String path, Object value) {
    String[] parts = path.split("\\.");
    Document current = doc;
    for (int i = 0; i < parts.length - 1; i++) {
      Object next = current.get(parts[i]);
      if (!(next instanceof Document)) {
        next = new Document();
        current.put(parts[i], next);
      }
      current = (Document) next;
    }
    current.put(parts[parts.length - 1], value);
  }

  /** Null when the path is usable in an update, else what is wrong with it. */
  public static String problem(String path) {
    if (path == null || path.isBlank()) {
      return "is empty";
    }
    if (path.startsWith("$") || path.contains(".$")) {
      return "must not start a step with '$'";
    }
    for (String part : path.split("\\.", -1)) {
      if (part.isEmpty()) {
        return "has an empty step";
      }
    }
    return null;
  }
}
