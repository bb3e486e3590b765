package io.bluegreen.workflows;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds the fields of a request that no record declares (each request record keeps them in its
 * {@code unknownFields}), with their dotted paths and the fields that were expected there. Read
 * from the records themselves, so a field added to a record is known here at once. Deterministic
 * (record components come in declaration order), so the workflow may use it.
 */
public final class UnknownFields {
  private static final String HOLDER = "unknownFields";

  /** One field nobody declared: where it is, and what the record there does declare. */
  public record UnknownField(String parent, String name, String known) {
    public String path() {
      return parent.isEmpty() ? name : parent + "." + name;
    }

    /** {@code unknown field 'blue.mongoUri'<where>: remove it (known fields of blue: ...)}. */
    public String describe(String where) {
      return "unknown field '"
          + path()
          + "'"
          + where
          + ": remove it (known fields"
          + (parent.isEmpty() ? "" : " of " + parent)
          + ": "
          + known
          + ")";
    }
  }

  private UnknownFields() {}

  public static List<UnknownField> find(Object request) {
    List<UnknownField> found = new ArrayList<>();
    walk(request, "", found);
    return found;
  }

  private static void walk(Object node, String path, List<UnknownField> found) {
    if (node == null || !node.getClass().isRecord()) {
      return;
    }
    RecordComponent[] components = node.getClass().getRecordComponents();
    String known =
        Arrays.stream(components)
            .map(RecordComponent::getName)
            .filter(n -> !n.equals(HOLDER))
            .collect(Collectors.joining(", "));
    for (RecordComponent c : components) {
      Object value;
      try {
        value = c.getAccessor().invoke(node);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(
            "cannot read " + c.getName() + " of " + node.getClass().getSimpleName(), e);
      }
      if (c.getName().equals(HOLDER)) {
        if (value instanceof Map<?, ?> unknown) {
          for (Object name : unknown.keySet()) {
            found.add(new UnknownField(path, String.valueOf(name), known));
          }
        }
      } else {
        walk(value, path.isEmpty() ? c.getName() : path + "." + c.getName(), found);
      }
    }
  }
}
