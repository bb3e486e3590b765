package io.bluegreen.activities;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.bluegreen.activities.connections.Connections;
import io.netty.channel.Channel;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import redis.embedded.RedisServer;

/**
 * A MongoDB-wire server and a real redis-server, each on a random free port, shared by the tests of
 * one class. The activities reach them through real drivers, exactly as in production.
 */
public final class RealServers implements AutoCloseable {
  /** One insert command the MongoDB-wire server received: where, and how many documents. */
  public record Insert(String database, String collection, int documents) {}

  /** Every insert command, in arrival order: what a copy really sent, batch by batch. */
  public final List<Insert> inserts = new CopyOnWriteArrayList<>();

  final MongoServer mongo;
  public final String mongoUri;
  public final int redisPort;
  private final Process redisProcess;
  private final RedisServer embeddedRedis;

  public RealServers() throws Exception {
    mongo =
        new MongoServer(
            new MemoryBackend() {
              @Override
              public Document handleCommand(
                  Channel channel, String database, String command, Document query) {
                if (command.equals("insert") && query.get("documents") instanceof List<?> docs) {
                  inserts.add(
                      new Insert(database, String.valueOf(query.get("insert")), docs.size()));
                }
                return super.handleCommand(channel, database, command, query);
              }
            });
    InetSocketAddress address = mongo.bind();
    mongoUri = "mongodb://127.0.0.1:" + address.getPort();
    redisPort = freePort();
    File onPath = findOnPath("redis-server");
    if (onPath != null) {
      redisProcess =
          new ProcessBuilder(
                  onPath.getPath(),
                  "--port",
                  String.valueOf(redisPort),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--databases",
                  "16")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      embeddedRedis = null;
    } else {
      redisProcess = null;
      embeddedRedis = new RedisServer(redisPort);
      embeddedRedis.start();
    }
    waitForPort(redisPort);
  }

  public Connections connections() {
    return new Connections(
        Map.of("local", mongoUri, "alias", mongoUri),
        Map.of("local", "redis://127.0.0.1:" + redisPort));
  }

  public static File findOnPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File f = new File(dir, name);
      if (f.canExecute()) {
        return f;
      }
    }
    return null;
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public static void waitForPort(int port) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("redis-server did not start on port " + port);
  }

  @Override
  public void close() throws Exception {
    mongo.shutdownNow();
    if (redisProcess != null) {
      redisProcess.destroy();
      redisProcess.waitFor();
    }
    if (embeddedRedis != null) {
      embeddedRedis.stop();
    }
  }
}
