package io.bluegreen.activities.copy;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bluegreen.activities.connections.Connections;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * {@link IdOrderContract} on mongo-java-server (the {@code emulator} backend), every id type
 * included. Its limits, as the README lists them: it orders strings by UTF-16 (only characters
 * above U+FFFF sort differently from MongoDB), keeps only binary subtype 0, and accepts a
 * collection's collation without keeping it. The same contract runs on FerretDB in the starter
 * module ({@code IdOrderOnFerretDbTest}).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IdOrderOnEmulatorTest extends IdOrderContract {
  private MongoServer server;

  @Override
  protected Connections startServer() {
    server = new MongoServer(new MemoryBackend());
    String uri = "mongodb://127.0.0.1:" + server.bind().getPort();
    return new Connections(Map.of("local", uri), Map.of());
  }

  @Override
  protected void stopServer() {
    if (server != null) {
      server.shutdownNow();
    }
  }

  @Override
  protected String backend() {
    return "mongo-java-server";
  }

  @Override
  protected boolean ordersStringsByUtf8() {
    return false;
  }
}
