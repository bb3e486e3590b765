package io.bluegreen.activities.copy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * The {@code _id} types the id-order contract probes, each with distinct ids that probe its order.
 */
public enum IdSamples {
  STRING,
  DATE,
  DECIMAL128,
  DOUBLE,
  LONG,
  OBJECT_ID,
  DOCUMENT,
  BINARY,
  MIXED;

  /**
   * Distinct ids (no two equal under MongoDB's comparison, so the unique _id index takes them all),
   * the same on every backend; a backend's contract may add or leave out some.
   */
  public List<BsonValue> ids() {
    return switch (this) {
      case STRING ->
          strings(
              "",
              "a",
              "A",
              "b",
              "B",
              "Z",
              "aa",
              "a b",
              "10",
              "9",
              "é",
              "e\u0301",
              "\uFFFD",
              "\uD83D\uDE00",
              "日本",
              "~");
      case DATE ->
          List.of(
              new BsonDateTime(-86_400_000L * 365 * 100),
              new BsonDateTime(-1),
              new BsonDateTime(0),
              new BsonDateTime(1),
              new BsonDateTime(1_700_000_000_000L),
              new BsonDateTime(4_102_444_800_000L));
      case DECIMAL128 ->
          decimals(
              "-1E+20",
              "-100.25",
              "-1",
              "-0.001",
              "0",
              "1E-10",
              "0.5",
              "3.14159",
              "12345678901234567890.123",
              "1E+20");
      case DOUBLE ->
          List.of(
              new BsonDouble(-1e300),
              new BsonDouble(-2.5),
              new BsonDouble(-1e-300),
              new BsonDouble(0.0),
              new BsonDouble(1e-300),
              new BsonDouble(0.1),
              new BsonDouble(2.5),
              new BsonDouble(9007199254740993.0),
              new BsonDouble(1e300));
      case LONG ->
          List.of(
              new BsonInt64(Long.MIN_VALUE),
              new BsonInt64(-9007199254740993L),
              new BsonInt64(-1),
              new BsonInt64(0),
              new BsonInt64(1),
              new BsonInt64(9007199254740993L),
              new BsonInt64(9007199254740994L),
              new BsonInt64(Long.MAX_VALUE));
      case OBJECT_ID ->
          List.of(
              oid("000000000000000000000000"),
              oid("000000000000000000000001"),
              oid("65f000000000000000000001"),
              oid("65f0000000000000000000ff"),
              oid("7fffffffffffffffffffffff"),
              oid("800000000000000000000000"),
              oid("ffffffffffffffffffffffff"));
      case DOCUMENT ->
          List.of(
              new BsonDocument(),
              doc("a", new BsonInt32(1)),
              doc("a", new BsonInt32(2)),
              doc("a", new BsonString("x")),
              doc("b", new BsonInt32(1)),
              new BsonDocument("a", new BsonInt32(1)).append("b", new BsonInt32(1)),
              doc("a", doc("z", BsonBoolean.TRUE)));
      // Generic subtype only: mongo-java-server does not keep other subtypes (0x80 comes back as
      // 0, and a UUID, subtype 4, becomes a type of its own that a resumed copy's $gt and $type
      // filters miss). The FerretDB test adds other subtypes.
      case BINARY ->
          List.of(
              new BsonBinary(new byte[0]),
              new BsonBinary(new byte[] {1}),
              new BsonBinary(new byte[] {(byte) 0xff}),
              new BsonBinary(new byte[] {2}),
              new BsonBinary(new byte[] {1, 2}),
              new BsonBinary(new byte[] {0, 0, 0}),
              new BsonBinary(new byte[16]));
      case MIXED -> {
        // MongoDB's cross-type order: null < numbers < strings < documents < binary < ObjectId
        // < booleans < dates.
        List<BsonValue> all = new ArrayList<>();
        all.add(BsonNull.VALUE);
        all.add(new BsonInt32(-7));
        all.add(new BsonInt64(3));
        all.add(new BsonDouble(4.5));
        all.add(new BsonDecimal128(Decimal128.parse("5.25")));
        all.add(new BsonInt32(6));
        all.addAll(strings("", "B", "a"));
        all.add(doc("a", new BsonInt32(1)));
        all.add(new BsonBinary(new byte[] {1}));
        all.add(oid("65f000000000000000000001"));
        all.add(BsonBoolean.FALSE);
        all.add(BsonBoolean.TRUE);
        all.add(new BsonDateTime(0));
        yield all;
      }
    };
  }

  static List<BsonValue> strings(String... s) {
    return Arrays.stream(s).<BsonValue>map(BsonString::new).toList();
  }

  private static List<BsonValue> decimals(String... s) {
    return Arrays.stream(s).<BsonValue>map(d -> new BsonDecimal128(Decimal128.parse(d))).toList();
  }

  private static BsonObjectId oid(String hex) {
    return new BsonObjectId(new ObjectId(hex));
  }

  private static BsonDocument doc(String k, BsonValue v) {
    return new BsonDocument(k, v);
  }
}
