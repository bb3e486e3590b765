package io.bluegreen.activities.connections;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.failure.ApplicationFailure;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.bson.RawBsonDocument;
import redis.clients.jedis.UnifiedJedis;

/**
 * The worker's named MongoDB, Redis and Itential API connections. Workflows refer to connections
 * only by name, so URIs and their credentials stay in the worker process. Clients are created on
 * first use and cached: a MongoClient per name ({@link MongoConnections}), a Redis pool per (name,
 * db) ({@link RedisConnections}), one client of each kind per API connection ({@link
 * ApiConnections}).
 */
public final class Connections implements AutoCloseable {
  public static final String UNKNOWN_CONNECTION = FailureTypes.UNKNOWN_CONNECTION;

  /** Where baselines are kept on Green's MongoDB server unless the worker configures another. */
  public static final String DEFAULT_STATE_DATABASE = "bluegreen_state";

  private final MongoConnections mongo;
  private final RedisConnections redis;
  private final ApiConnections api;

  /** The HTTP client for URLs in requests (health checks, webhook): it pools its connections. */
  private final HttpCalls http;

  private final RequestPolicy policy;
  private final Secrets secrets;
  private final String stateDatabase;

  /**
   * @param mongo connection name to MongoDB URI
   * @param redis connection name to Redis URI ({@code redis://[user:pass@]host:port} or rediss://)
   * @throws IllegalArgumentException naming the connection (never echoing the URI) when one is
   *     malformed
   */
  public Connections(Map<String, String> mongo, Map<String, String> redis) {
    this(mongo, redis, Map.of());
  }

  /**
   * @param api connection name to an Itential Platform API endpoint (base URL and token)
   */
  public Connections(
      Map<String, String> mongo, Map<String, String> redis, Map<String, ApiEndpoint> api) {
    this(mongo, redis, api, DEFAULT_STATE_DATABASE);
  }

  /**
   * @param stateDatabase the database, on Green's MongoDB server, that holds bluegreen's own state
   *     (the baselines of three-way sync)
   */
  public Connections(
      Map<String, String> mongo,
      Map<String, String> redis,
      Map<String, ApiEndpoint> api,
      String stateDatabase) {
    this(
        new Spec(
            uris(mongo), uris(redis), api, TlsSettings.NONE, RequestPolicy.OPEN, stateDatabase));
  }

  /**
   * Connections with authentication and TLS settings beyond their URIs.
   *
   * @throws IllegalArgumentException naming the connection and what to fix
   */
  public static Connections of(
      Map<String, ConnectionSettings> mongo,
      Map<String, ConnectionSettings> redis,
      Map<String, ApiEndpoint> api) {
    return new Connections(
        new Spec(mongo, redis, api, TlsSettings.NONE, RequestPolicy.OPEN, DEFAULT_STATE_DATABASE));
  }

  /**
   * @param httpTls the CA and client certificate for URLs in requests (health checks, webhook)
   * @param policy what a request may make the worker call or write
   */
  public static Connections of(
      Map<String, ConnectionSettings> mongo,
      Map<String, ConnectionSettings> redis,
      Map<String, ApiEndpoint> api,
      TlsSettings httpTls,
      RequestPolicy policy) {
    return of(mongo, redis, api, httpTls, policy, DEFAULT_STATE_DATABASE);
  }

  /**
   * @param stateDatabase as in {@link #Connections(Map, Map, Map, String)}
   */
  public static Connections of(
      Map<String, ConnectionSettings> mongo,
      Map<String, ConnectionSettings> redis,
      Map<String, ApiEndpoint> api,
      TlsSettings httpTls,
      RequestPolicy policy,
      String stateDatabase) {
    return new Connections(new Spec(mongo, redis, api, httpTls, policy, stateDatabase));
  }

  private static Map<String, ConnectionSettings> uris(Map<String, String> uris) {
    Map<String, ConnectionSettings> out = new TreeMap<>();
    uris.forEach((name, uri) -> out.put(name, ConnectionSettings.of(uri)));
    return out;
  }

  /** Every connection of a worker configuration. */
  private record Spec(
      Map<String, ConnectionSettings> mongo,
      Map<String, ConnectionSettings> redis,
      Map<String, ApiEndpoint> api,
      TlsSettings httpTls,
      RequestPolicy policy,
      String stateDatabase) {}

  private Connections(Spec spec) {
    String problem = StateDatabase.problem(spec.stateDatabase());
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    this.stateDatabase = spec.stateDatabase();
    this.policy = spec.policy();
    this.http =
        new HttpCalls(
            spec.httpTls().custom() ? spec.httpTls().sslContext("http") : null,
            policy.maxResponseBytes());
    Set<String> passwords = new HashSet<>();
    this.api = new ApiConnections(spec.api(), policy.maxResponseBytes(), passwords);
    this.mongo = new MongoConnections(spec.mongo(), passwords);
    this.redis = new RedisConnections(spec.redis(), passwords);
    this.secrets = new Secrets(passwords);
  }

  /** The passwords found in the configured URIs, for scrubbing messages. */
  public Secrets secrets() {
    return secrets;
  }

  /**
   * The state database's name (on each Green's server): {@code state.database} of the worker's
   * configuration.
   */
  public String stateDatabase() {
    return stateDatabase;
  }

  public Set<String> mongoNames() {
    return mongo.names();
  }

  public HttpCalls http() {
    return http;
  }

  /** The HTTP client of an API connection: its own when it has TLS settings. */
  public HttpCalls http(String apiName) {
    return api.http(apiName, http);
  }

  /** What requests may make this worker call or write. */
  public RequestPolicy policy() {
    return policy;
  }

  public Set<String> apiNames() {
    return api.names();
  }

  /** The Itential Platform API endpoint a name points at. */
  public ApiEndpoint api(String name) {
    return api.endpoint(name);
  }

  /**
   * The one client of the given kind for the named API connection, opened from its endpoint on
   * first use and shared by every activity from then on. The Itential API's session is one: one
   * login per connection, renewed when the platform refuses it.
   */
  public <T> T apiClient(String name, Class<T> kind, Function<ApiEndpoint, T> open) {
    return api.client(name, kind, open);
  }

  public Set<String> redisNames() {
    return redis.names();
  }

  public MongoClient mongo(String name) {
    return mongo.client(name);
  }

  /** The platform's logical database on its MongoDB connection. */
  public MongoDatabase database(PlatformSpec platform) {
    return mongo(platform.mongo()).getDatabase(platform.database());
  }

  /** One of the platform's collections, its documents as the driver's raw bytes. */
  public MongoCollection<RawBsonDocument> collection(PlatformSpec platform, String name) {
    return database(platform).getCollection(name, RawBsonDocument.class);
  }

  /** A pooled Redis client bound to one logical database of the named server. */
  public UnifiedJedis redis(String name, int db) {
    return redis.client(name, db);
  }

  /**
   * Which MongoDB deployment a name points at, as sorted lower-case {@code host:port} pairs, so two
   * names configured for the same cluster compare equal. Never contains credentials.
   */
  public String mongoServerKey(String name) {
    return mongo.serverKey(name);
  }

  /** Which Redis server a name points at, as lower-case {@code host:port}. */
  public String redisServerKey(String name) {
    return redis.serverKey(name);
  }

  /** The non-retryable failure for a name no connection of {@code kind} has. */
  static ApplicationFailure unknown(String kind, String name, Set<String> known) {
    return ApplicationFailure.newNonRetryableFailure(
        "no "
            + kind
            + " connection named '"
            + name
            + "' in the worker configuration (known: "
            + (known.isEmpty() ? "none" : String.join(", ", known))
            + ")",
        UNKNOWN_CONNECTION);
  }

  @Override
  public void close() {
    mongo.close();
    redis.close();
  }
}
