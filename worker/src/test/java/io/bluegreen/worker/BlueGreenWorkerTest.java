package io.bluegreen.worker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.activities.connections.Connections;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BlueGreenWorkerTest {
  /** Registration fails fast on e.g. two activity methods with the same name across interfaces. */
  @Test
  void registersTheWorkflowAndAllActivitiesAndShutsDownGracefully() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
        Connections connections =
            new Connections(Map.of("local", "mongodb://127.0.0.1:1"), Map.of())) {
      BlueGreenWorker worker = new BlueGreenWorker(env.getWorkflowClient(), connections);
      worker.start();
      assertTrue(worker.factory().isStarted());
      worker.shutdown(Duration.ofSeconds(5));
      assertTrue(worker.factory().isTerminated());
    }
  }
}
