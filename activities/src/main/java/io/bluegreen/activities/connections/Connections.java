package io.bluegreen.activities.connections;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.bluegreen.workflows.FailureTypes;
import io.bluegreen.workflows.model.PlatformSpec;
import io.temporal.failure.ApplicationFailure;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bson.RawBsonDocument;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/**
 * The worker's named MongoDB and Redis connections. Workflows refer to connections only by name, so
 * URIs and their credentials stay in the worker process. Clients are created on first use and
 * cached: a MongoClient per name, a Redis pool per (name, db).
 */
public final class Connections implements AutoCloseable {
  public static final String UNKNOWN_CONNECTION = FailureTypes.UNKNOWN_CONNECTION;

  /** Where baselines are kept on Green's MongoDB server unless the worker configures another. */
  public static final String DEFAULT_STATE_DATABASE = "bluegreen_state";

  private final Map<String, ConnectionString> mongoUris = new TreeMap<>();
  private final Map<String, ConnectionSettings> mongoSettings = new TreeMap<>();
  private final Map<String, RedisUri> redisUris = new TreeMap<>();
  private final Map<String, ConnectionSettings> redisSettings = new TreeMap<>();
  private final Map<String, ApiEndpoint> apiEndpoints = new TreeMap<>();

  /** The HTTP client for URLs in requests (health checks, webhook): it pools its connections. */
  private final HttpCalls http;

  /** API connections with TLS of their own get their own client. */
  private final Map<String, HttpCalls> apiHttp = new TreeMap<>();

  private final RequestPolicy policy;
  private final Map<String, MongoClient> mongoClients = new ConcurrentHashMap<>();
  private final Map<String, UnifiedJedis> redisClients = new ConcurrentHashMap<>();

  /**
   * One client per API connection and kind, shared by every activity (for the Itential API: its
   * login).
   */
  private final Map<String, Object> apiClients = new ConcurrentHashMap<>();

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
    Map<String, ConnectionSettings> mongo = spec.mongo();
    Map<String, ConnectionSettings> redis = spec.redis();
    Map<String, ApiEndpoint> api = spec.api();
    Set<String> passwords = new HashSet<>();
    api.forEach(
        (name, endpoint) -> {
          passwords.add(endpoint.token());
          passwords.add(endpoint.password());
          passwords.add(endpoint.clientSecret());
          apiEndpoints.put(name, endpoint);
          if (endpoint.tls().custom()) {
            apiHttp.put(
                name,
                new HttpCalls(
                    endpoint.tls().sslContext("Itential API connection '" + name + "'"),
                    policy.maxResponseBytes()));
          }
        });
    mongo.forEach(
        (name, settings) -> {
          ConnectionString cs = MongoSecurity.parse(name, settings);
          if (cs.getPassword() != null) {
            passwords.add(new String(cs.getPassword()));
          }
          if (settings.password() != null) {
            passwords.add(settings.password());
          }
          mongoUris.put(name, cs);
          mongoSettings.put(name, settings);
        });
    redis.forEach(
        (name, settings) -> {
          RedisUri parsed = RedisUri.parse(name, settings.uri());
          if (parsed.password() != null) {
            passwords.add(parsed.password());
          }
          if (settings.password() != null) {
            passwords.add(settings.password());
          }
          RedisSecurity.checkTls(name, parsed, settings);
          redisUris.put(name, parsed);
          redisSettings.put(name, settings);
        });
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
    return mongoUris.keySet();
  }

  public HttpCalls http() {
    return http;
  }

  /** The HTTP client of an API connection: its own when it has TLS settings. */
  public HttpCalls http(String apiName) {
    return apiHttp.getOrDefault(apiName, http);
  }

  /** What requests may make this worker call or write. */
  public RequestPolicy policy() {
    return policy;
  }

  public Set<String> apiNames() {
    return apiEndpoints.keySet();
  }

  /** The Itential Platform API endpoint a name points at. */
  public ApiEndpoint api(String name) {
    ApiEndpoint endpoint = apiEndpoints.get(name);
    if (endpoint == null) {
      throw unknown("Itential API", name, apiEndpoints.keySet());
    }
    return endpoint;
  }

  /**
   * The one client of the given kind for the named API connection, opened from its endpoint on
   * first use and shared by every activity from then on. The Itential API's session is one: one
   * login per connection, renewed when the platform refuses it.
   */
  public <T> T apiClient(String name, Class<T> kind, Function<ApiEndpoint, T> open) {
    ApiEndpoint endpoint = api(name);
    return kind.cast(
        apiClients.computeIfAbsent(kind.getName() + '\u0000' + name, k -> open.apply(endpoint)));
  }

  public Set<String> redisNames() {
    return redisUris.keySet();
  }

  public MongoClient mongo(String name) {
    ConnectionString cs = mongoUri(name);
    return mongoClients.computeIfAbsent(
        name, n -> MongoClients.create(MongoSecurity.clientSettings(n, cs, mongoSettings.get(n))));
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
    RedisUri uri = redisUri(name);
    return redisClients.computeIfAbsent(
        name + "#" + db,
        k ->
            new JedisPooled(
                new HostAndPort(uri.host(), uri.port()),
                RedisSecurity.clientConfig(name, uri, redisSettings.get(name), db)));
  }

  /**
   * Which MongoDB deployment a name points at, as sorted lower-case {@code host:port} pairs, so two
   * names configured for the same cluster compare equal. Never contains credentials.
   */
  public String mongoServerKey(String name) {
    return ServerKeys.mongo(mongoUri(name));
  }

  /** Which Redis server a name points at, as lower-case {@code host:port}. */
  public String redisServerKey(String name) {
    return ServerKeys.redis(redisUri(name));
  }

  private ConnectionString mongoUri(String name) {
    ConnectionString cs = mongoUris.get(name);
    if (cs == null) {
      throw unknown("MongoDB", name, mongoUris.keySet());
    }
    return cs;
  }

  private RedisUri redisUri(String name) {
    RedisUri uri = redisUris.get(name);
    if (uri == null) {
      throw unknown("Redis", name, redisUris.keySet());
    }
    return uri;
  }

  private static ApplicationFailure unknown(String kind, String name, Set<String> known) {
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
    mongoClients.values().forEach(MongoClient::close);
    redisClients.values().forEach(UnifiedJedis::close);
    mongoClients.clear();
    redisClients.clear();
  }
}
