package io.bluegreen.activities.copy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import java.util.List;
import java.util.Objects;
import org.bson.Document;

/**
 * What a name in Blue's database is: a collection of documents, a view (a stored pipeline over
 * another collection, created on Green as a view and never copied as data), or a time-series
 * collection (not copied: its documents are buckets that plain inserts cannot recreate, so
 * PREFLIGHT refuses it and a sync reports it). Read from {@code listCollections}: {@code type}, or
 * for servers that report no type, the options that define a view or a time series.
 */
public record CollectionKind(String name, Type type, Document options) {
  public enum Type {
    COLLECTION,
    VIEW,
    TIMESERIES,
    ABSENT
  }

  private static final int NAMESPACE_EXISTS = 48;

  public static CollectionKind read(MongoDatabase db, String name) {
    // The filter narrows the reply on MongoDB; an emulator ignores it, so the name is checked
    // again.
    for (Document d : db.listCollections().filter(new Document("name", name))) {
      if (name.equals(d.getString("name"))) {
        return of(d);
      }
    }
    return new CollectionKind(name, Type.ABSENT, new Document());
  }

  /** One listCollections entry. */
  public static CollectionKind of(Document info) {
    Document options = info.get("options") instanceof Document o ? o : new Document();
    String type = info.getString("type");
    Type t;
    if ("view".equals(type) || options.containsKey("viewOn")) {
      t = Type.VIEW;
    } else if ("timeseries".equals(type) || options.containsKey("timeseries")) {
      t = Type.TIMESERIES;
    } else {
      t = Type.COLLECTION;
    }
    return new CollectionKind(info.getString("name"), t, options);
  }

  /** The {@code create} command that makes this view on another database. */
  Document viewCreate() {
    Document create =
        new Document("create", name)
            .append("viewOn", options.get("viewOn"))
            .append(
                "pipeline", options.get("pipeline") == null ? List.of() : options.get("pipeline"));
    if (options.get("collation") instanceof Document c && !"simple".equals(c.getString("locale"))) {
      create.append("collation", c);
    }
    return create;
  }

  /** True when the two define the same view (what it reads and its pipeline). */
  public boolean sameView(CollectionKind other) {
    return type == Type.VIEW
        && other.type == Type.VIEW
        && Objects.equals(options.get("viewOn"), other.options.get("viewOn"))
        && Objects.equals(options.get("pipeline"), other.options.get("pipeline"));
  }

  /**
   * Creates Blue's view on Green unless Green has that name already.
   *
   * @return true when this call created it
   */
  public boolean createViewOn(MongoDatabase green) {
    if (read(green, name).type() != Type.ABSENT) {
      return false;
    }
    try {
      green.runCommand(viewCreate());
      return true;
    } catch (MongoCommandException e) {
      if (e.getErrorCode() == NAMESPACE_EXISTS) {
        return false;
      }
      throw e;
    }
  }

  public static String timeseriesRefusal(String name) {
    return "Blue's '"
        + name
        + "' is a time-series collection, which bluegreen does not copy (its documents live in "
        + "buckets that plain inserts cannot recreate): exclude it with collections.exclude and move it with "
        + "mongodump/mongorestore";
  }
}
