package io.bluegreen.activities.provisioning;

import io.bluegreen.activities.support.DottedPath;
import io.bluegreen.workflows.activities.ConfigDifference;
import io.bluegreen.workflows.model.PlatformSpec;
import io.bluegreen.workflows.model.Switches;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Green's own configuration documents, derived from Blue's: the profile (Blue's with Green's {@code
 * id}, {@code redisProps}, switches off and {@code green.profileOverrides}) and each service config
 * (Blue's, matched by {@code name}, with {@code green.serviceConfigOverrides[name]}). The same
 * derivation serves preflight (what will be written, and what still looks like Blue's) and
 * provisioning (the write), so the plan shows exactly what provisioning writes.
 */
final class GreenConfiguration {
  static final String PROFILES = "iap_profiles";
  static final String SERVICE_CONFIGS = "service_configs";

  private GreenConfiguration() {}

  /**
   * @param greenRedisHostPort Green's Redis {@code host:port} when it is another server than
   *     Blue's, else null (Blue's host and port are Green's too)
   */
  static Document profile(
      Document blueProfile, PlatformSpec green, Switches switches, String greenRedisHostPort) {
    Document doc = copy(blueProfile);
    doc.remove("_id");
    doc.put("id", green.profile());
    DottedPath.set(doc, "redisProps.db", green.redisDb() == null ? 0 : green.redisDb());
    if (greenRedisHostPort != null) {
      // Only host and port: credentials stay in the worker configuration; Green's operators set its
      // password.
      int colon = greenRedisHostPort.lastIndexOf(':');
      DottedPath.set(doc, "redisProps.host", greenRedisHostPort.substring(0, colon));
      DottedPath.set(
          doc, "redisProps.port", Integer.parseInt(greenRedisHostPort.substring(colon + 1)));
    }
    if (switches != null) {
      if (switches.startJobs() != null) {
        DottedPath.set(doc, switches.startJobs(), false);
      }
      if (switches.taskWorker() != null) {
        DottedPath.set(doc, switches.taskWorker(), false);
      }
    }
    apply(doc, green.profileOverrides());
    return doc;
  }

  /** Blue's service config with Green's overrides for its name; {@code _id} left to Green. */
  static Document serviceConfig(Document blueConfig, PlatformSpec green) {
    Document doc = copy(blueConfig);
    doc.remove("_id");
    Object name = doc.get("name");
    if (name instanceof String n && green.serviceConfigOverrides() != null) {
      apply(doc, green.serviceConfigOverrides().get(n));
    }
    return doc;
  }

  private static void apply(Document doc, Map<String, Object> overrides) {
    if (overrides != null) {
      overrides.forEach(
          (path, value) ->
              DottedPath.set(
                  doc, path, value instanceof Map<?, ?> m ? new Document(castMap(m)) : value));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private static Document copy(Document d) {
    // Extended JSON keeps every BSON type (Int64, dates, ObjectIds) through the deep copy.
    return Document.parse(
        d.toJson(JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build()));
  }

  /**
   * Every leaf that differs between Blue's document and Green's, in document order, with
   * credentials hidden (see {@link SecretMask}): a credential's difference shows {@code "***"} on
   * both sides, so the report says it changed without saying what it was or became.
   */
  static List<ConfigDifference> diff(String document, Document blue, Document green) {
    List<ConfigDifference> out = new ArrayList<>();
    diff(document, "", blue, green, out);
    return out;
  }

  private static void diff(
      String document, String prefix, Document blue, Document green, List<ConfigDifference> out) {
    Set<String> keys = new LinkedHashSet<>(blue.keySet());
    keys.addAll(green.keySet());
    keys.remove("_id");
    for (String key : keys) {
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      Object b = blue.get(key);
      Object g = green.get(key);
      if (b instanceof Document bd && g instanceof Document gd) {
        diff(document, path, bd, gd, out);
      } else if (!Objects.equals(b, g)) {
        out.add(new ConfigDifference(document, path, showMasked(path, b), showMasked(path, g)));
      }
    }
  }

  /**
   * The value as the report shows it: hidden under a credential field, else with credentials inside
   * it hidden.
   */
  private static String showMasked(String path, Object v) {
    if (v == null) {
      return null;
    }
    return show(SecretMask.isCredentialPath(path) ? SecretMask.HIDDEN : SecretMask.mask(v));
  }

  private static String show(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Document d) {
      return d.toJson();
    }
    return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }

  /**
   * Values Green would keep that look specific to Blue's environment: a string equal to (or naming)
   * Blue's database or one of Blue's host names, or a field named like a Redis db ({@code db},
   * {@code redisDb}, {@code database}) equal to Blue's Redis db, that Green's document still holds
   * unchanged.
   */
  static List<String> blueSpecific(
      String document,
      Document blueDoc,
      Document greenDoc,
      String blueDatabase,
      int blueRedisDb,
      Collection<String> blueHosts) {
    List<String> out = new ArrayList<>();
    scan(document, "", blueDoc, greenDoc, blueDatabase, blueRedisDb, blueHosts, out);
    return out;
  }

  private static void scan(
      String document,
      String prefix,
      Document blue,
      Document green,
      String database,
      int redisDb,
      Collection<String> hosts,
      List<String> out) {
    for (Map.Entry<String, Object> e : blue.entrySet()) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      Object b = e.getValue();
      Object g = green == null ? null : green.get(e.getKey());
      if (b instanceof Document bd) {
        scan(
            document,
            path,
            bd,
            g instanceof Document gd ? gd : null,
            database,
            redisDb,
            hosts,
            out);
        continue;
      }
      if (g == null || !Objects.equals(b, g)) {
        continue; // changed (or dropped) for Green already
      }
      String why = null;
      if (b instanceof String s) {
        if (s.equals(database)) {
          why = "Blue's database name";
        } else {
          String lower = s.toLowerCase(Locale.ROOT);
          for (String host : hosts) {
            if (!host.isEmpty() && lower.contains(host.toLowerCase(Locale.ROOT))) {
              why = "Blue's host " + host;
              break;
            }
          }
        }
      } else if (b instanceof Number n
          && n.intValue() == redisDb
          && n.doubleValue() == redisDb
          && e.getKey()
              .toLowerCase(Locale.ROOT)
              .matches("(redis)?db|database|dbnumber|db_?index")) {
        why = "Blue's Redis db";
      }
      if (why != null) {
        out.add(document + " " + path + " = " + showMasked(path, b) + " (" + why + ")");
      }
    }
  }
}
