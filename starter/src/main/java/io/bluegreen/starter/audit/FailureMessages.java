package io.bluegreen.starter.audit;

import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.TemporalFailure;

/**
 * The message of a failure as stored in history. With payload encryption the stored message is only
 * "Encoded failure" and the real one is in the failure's encrypted attributes, which the converter
 * (holding the keys) decodes.
 */
final class FailureMessages {
  private FailureMessages() {}

  static String of(DataConverter converter, Failure failure) {
    if (!failure.hasEncodedAttributes()) {
      return failure.getMessage();
    }
    try {
      RuntimeException e = converter.failureToException(failure);
      return e instanceof TemporalFailure t ? t.getOriginalMessage() : e.getMessage();
    } catch (RuntimeException undecodable) {
      return failure.getMessage() + " (not decodable here: " + undecodable.getMessage() + ")";
    }
  }
}
