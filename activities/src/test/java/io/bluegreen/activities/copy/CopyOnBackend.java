package io.bluegreen.activities.copy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bluegreen.activities.connections.Connections;
import io.bluegreen.workflows.activities.CollectionCopyActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.Map;

/**
 * The real copy activities, one attempt each, against mongo-java-server with a backend a test
 * adapted (recording commands, answering as another server would).
 */
final class CopyOnBackend implements AutoCloseable {
  final MongoServer server;
  final MongoClient client;
  final Connections connections;
  final TestActivityEnvironment env;
  final CollectionCopyActivities copy;

  CopyOnBackend(MemoryBackend backend) {
    server = new MongoServer(backend);
    String uri = "mongodb://127.0.0.1:" + server.bind().getPort();
    client = MongoClients.create(uri);
    connections = new Connections(Map.of("local", uri), Map.of());
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new CollectionCopyActivitiesImpl(connections));
    copy =
        env.newActivityStub(
            CollectionCopyActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @Override
  public void close() {
    env.close();
    connections.close();
    client.close();
    server.shutdownNow();
  }
}
