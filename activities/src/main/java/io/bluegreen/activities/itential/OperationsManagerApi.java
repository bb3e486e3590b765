package io.bluegreen.activities.itential;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bluegreen.activities.connections.Connections;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/**
 * Itential Platform's Operations Manager API for the jobs a cutover leaves on Blue: {@code POST
 * /operations-manager/jobs/cancel} with {@code {"jobIds": [...]}}, at most {@link
 * #MAX_IDS_PER_CALL} ids a call.
 */
public final class OperationsManagerApi {
  /** The most job ids one cancel call carries. */
  public static final int MAX_IDS_PER_CALL = 100;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ItentialApiSession session;

  /** The API of the connection so named in the worker configuration. */
  public static OperationsManagerApi of(Connections connections, String name) {
    return new OperationsManagerApi(ItentialApiSession.of(connections, name));
  }

  private OperationsManagerApi(ItentialApiSession session) {
    this.session = session;
  }

  /** Cancels these jobs (1 to {@link #MAX_IDS_PER_CALL}); a refusal throws, naming the status. */
  public void cancel(List<String> jobIds) {
    if (jobIds.isEmpty() || jobIds.size() > MAX_IDS_PER_CALL) {
      throw new IllegalArgumentException(
          "a cancel call carries 1 to " + MAX_IDS_PER_CALL + " job ids, not " + jobIds.size());
    }
    String body;
    try {
      body = JSON.writeValueAsString(Map.of("jobIds", jobIds));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the cancel body");
    }
    session.call(
        "/operations-manager/jobs/cancel",
        b ->
            b.POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"),
        "cancel " + jobIds.size() + " jobs through API '" + session.connection() + "'");
  }
}
