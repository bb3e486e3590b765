package io.bluegreen.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The one argument of every operator decision (Update or signal): who sends it and why, for the
 * audit trail. A {@code resync} may also carry how conflicts are resolved: {@code policy} for every
 * collection and {@code policies} per collection, each {@code blue-wins} or {@code green-wins}. A
 * {@code carryBack} names the {@code collections} whose Green changes go back to Blue.
 *
 * <p>{@code policy} and {@code policies} stay words, not {@link ConflictPolicy}: the workflow reads
 * this argument, and a word outside the enum would then fail to deserialize there (a signal
 * dropped, an Update refused with a Jackson error) instead of being refused by the decision's
 * validator with a message naming the allowed words.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperatorSignal(
    @JsonProperty("by") String by,
    @JsonProperty("reason") String reason,
    @JsonProperty("policy") String policy,
    @JsonProperty("policies") Map<String, String> policies,
    @JsonProperty("collections") List<String> collections) {

  public OperatorSignal(String by, String reason) {
    this(by, reason, null, null, null);
  }

  public OperatorSignal(String by, String reason, String policy, Map<String, String> policies) {
    this(by, reason, policy, policies, null);
  }
}
