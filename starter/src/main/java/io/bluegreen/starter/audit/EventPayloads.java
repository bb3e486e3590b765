package io.bluegreen.starter.audit;

import static io.bluegreen.workflows.SearchAttributes.PHASE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bluegreen.starter.Json;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DataConverter;
import java.time.Instant;
import java.util.Optional;

/**
 * What one history's events carry, read through the run's converter (which holds the keys when
 * payloads are encrypted): inputs and results as JSON, failure messages, the phase search attribute
 * and event times. A payload it cannot decode is shown as undecodable: the audit never fails on
 * one.
 */
final class EventPayloads {
  private final DataConverter converter;

  EventPayloads(DataConverter converter) {
    this.converter = converter;
  }

  JsonNode decode(Payloads payloads) {
    if (payloads == null || payloads.getPayloadsCount() == 0) {
      return null;
    }
    try {
      return converter.fromPayloads(0, Optional.of(payloads), JsonNode.class, JsonNode.class);
    } catch (RuntimeException e) {
      ObjectNode n = Json.MAPPER.createObjectNode();
      n.put("undecodable", e.getMessage());
      return n;
    }
  }

  String failure(Failure failure) {
    return FailureMessages.of(converter, failure);
  }

  Optional<String> phase(SearchAttributes attrs) {
    var payload = attrs.getIndexedFieldsMap().get(PHASE.getName());
    if (payload == null) {
      return Optional.empty();
    }
    try {
      JsonNode n = converter.fromPayload(payload, JsonNode.class, JsonNode.class);
      // Keyword values may come back as a one-element list.
      JsonNode v = n != null && n.isArray() && n.size() > 0 ? n.get(0) : n;
      return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static String time(HistoryEvent e) {
    return Instant.ofEpochSecond(e.getEventTime().getSeconds(), e.getEventTime().getNanos())
        .toString();
  }
}
