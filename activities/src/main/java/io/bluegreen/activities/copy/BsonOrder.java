package io.bluegreen.activities.copy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * Orders BSON values the way MongoDB sorts them (no collation): first by type bracket, then by
 * value. The verify and resync merge-joins walk two {@code _id}-sorted cursors side by side, so
 * this must agree with the server's order or documents would be reported missing and extra at once.
 */
public final class BsonOrder implements Comparator<BsonValue> {
  public static final BsonOrder INSTANCE = new BsonOrder();

  private BsonOrder() {}

  /** MongoDB's documented cross-type order; numbers share one bracket, as do string and symbol. */
  static int bracket(BsonType t) {
    return switch (t) {
      case MIN_KEY -> 0;
      case UNDEFINED, NULL -> 1;
      case INT32, INT64, DOUBLE, DECIMAL128 -> 2;
      case SYMBOL, STRING -> 3;
      case DOCUMENT -> 4;
      case ARRAY -> 5;
      case BINARY -> 6;
      case OBJECT_ID -> 7;
      case BOOLEAN -> 8;
      case DATE_TIME -> 9;
      case TIMESTAMP -> 10;
      case REGULAR_EXPRESSION -> 11;
      case DB_POINTER -> 12;
      case JAVASCRIPT -> 13;
      case JAVASCRIPT_WITH_SCOPE -> 14;
      case MAX_KEY -> 15;
      default -> 16;
    };
  }

  @Override
  public int compare(BsonValue a, BsonValue b) {
    int byBracket = Integer.compare(bracket(a.getBsonType()), bracket(b.getBsonType()));
    if (byBracket != 0) {
      return byBracket;
    }
    return switch (a.getBsonType()) {
      case MIN_KEY, MAX_KEY, NULL, UNDEFINED -> 0;
      case INT32, INT64, DOUBLE, DECIMAL128 -> compareNumbers(a, b);
      case STRING, SYMBOL -> compareUtf8(string(a), string(b));
      case DOCUMENT -> compareDocuments(a.asDocument(), b.asDocument());
      case ARRAY -> compareArrays(a.asArray(), b.asArray());
      case BINARY -> compareBinary(a.asBinary(), b.asBinary());
      case OBJECT_ID -> a.asObjectId().getValue().compareTo(b.asObjectId().getValue());
      case BOOLEAN -> Boolean.compare(a.asBoolean().getValue(), b.asBoolean().getValue());
      case DATE_TIME -> Long.compare(a.asDateTime().getValue(), b.asDateTime().getValue());
      case TIMESTAMP ->
          Long.compareUnsigned(a.asTimestamp().getValue(), b.asTimestamp().getValue());
      case REGULAR_EXPRESSION -> {
        int p =
            compareUtf8(a.asRegularExpression().getPattern(), b.asRegularExpression().getPattern());
        yield p != 0
            ? p
            : compareUtf8(
                a.asRegularExpression().getOptions(), b.asRegularExpression().getOptions());
      }
      case JAVASCRIPT -> compareUtf8(a.asJavaScript().getCode(), b.asJavaScript().getCode());
      default -> compareUtf8(a.toString(), b.toString());
    };
  }

  private static String string(BsonValue v) {
    return v.isString() ? v.asString().getValue() : v.asSymbol().getSymbol();
  }

  /**
   * MongoDB compares strings by their UTF-8 bytes, which differs from Java's UTF-16 order above
   * U+FFFF.
   */
  static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static int compareNumbers(BsonValue a, BsonValue b) {
    if (isNaN(a) || isNaN(b)) {
      // NaN sorts below every other number in MongoDB.
      return Boolean.compare(!isNaN(a), !isNaN(b));
    }
    if (isInfinite(a) || isInfinite(b)) {
      return Double.compare(a.asNumber().doubleValue(), b.asNumber().doubleValue());
    }
    return decimal(a).compareTo(decimal(b));
  }

  private static boolean isNaN(BsonValue v) {
    return v.isDouble() && Double.isNaN(v.asDouble().getValue())
        || v.isDecimal128() && v.asDecimal128().getValue().isNaN();
  }

  private static boolean isInfinite(BsonValue v) {
    return v.isDouble() && Double.isInfinite(v.asDouble().getValue())
        || v.isDecimal128() && v.asDecimal128().getValue().isInfinite();
  }

  private static BigDecimal decimal(BsonValue v) {
    return switch (v.getBsonType()) {
      case INT32 -> BigDecimal.valueOf(v.asInt32().getValue());
      case INT64 -> BigDecimal.valueOf(v.asInt64().getValue());
      case DOUBLE -> new BigDecimal(v.asDouble().getValue());
      default -> v.asDecimal128().getValue().bigDecimalValue();
    };
  }

  /** Field by field: type bracket, then name, then value; a prefix sorts first. */
  private int compareDocuments(BsonDocument a, BsonDocument b) {
    Iterator<Map.Entry<String, BsonValue>> ia = a.entrySet().iterator();
    Iterator<Map.Entry<String, BsonValue>> ib = b.entrySet().iterator();
    while (ia.hasNext() && ib.hasNext()) {
      Map.Entry<String, BsonValue> ea = ia.next();
      Map.Entry<String, BsonValue> eb = ib.next();
      int c =
          Integer.compare(
              bracket(ea.getValue().getBsonType()), bracket(eb.getValue().getBsonType()));
      if (c == 0) {
        c = compareUtf8(ea.getKey(), eb.getKey());
      }
      if (c == 0) {
        c = compare(ea.getValue(), eb.getValue());
      }
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(ia.hasNext(), ib.hasNext());
  }

  private int compareArrays(BsonArray a, BsonArray b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** Length first, then subtype, then bytes, as the server does. */
  private static int compareBinary(BsonBinary a, BsonBinary b) {
    int c = Integer.compare(a.getData().length, b.getData().length);
    if (c == 0) {
      c = Integer.compare(a.getType() & 0xff, b.getType() & 0xff);
    }
    return c != 0 ? c : Arrays.compareUnsigned(a.getData(), b.getData());
  }
}
