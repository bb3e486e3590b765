package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The status's {@code liveChanges}: Blue's documents changed after the final pass, compared with
 * its baseline every {@code interval} while LIVE and once more when the deployment completes.
 * {@code mode}: {@code carry} or {@code report}; {@code passes}: comparisons made; {@code
 * lastPass}: when the last one ended; {@code collections}: those where Blue changed something;
 * {@code note}: what a failed or interrupted pass left undone.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveChanges(
    @JsonProperty("mode") String mode,
    @JsonProperty("interval") String interval,
    @JsonProperty("passes") int passes,
    @JsonProperty("lastPass") String lastPass,
    @JsonProperty("collections") List<LiveCollectionChanges> collections,
    @JsonProperty("note") String note) {
  /** Changes named per collection, in the status and in each pass's result. */
  public static final int MAX_LISTED = 100;
}
