package io.bluegreen.workflows;

import java.util.List;

/**
 * The failure types of bluegreen in one place. An activity raises a permanent problem as a
 * non-retryable {@code ApplicationFailure} of one of these types; {@link #NON_RETRYABLE} is also
 * given to every activity's retry options, so a permanent error is never retried even when it is
 * raised as a plain retryable failure (for example by an activity from an older worker).
 */
public final class FailureTypes {
  /** The deployment itself failed (the workflow's own failure type). */
  public static final String DEPLOYMENT_FAILED = "DeploymentFailed";

  /** A read-only check before any write refused the request. */
  public static final String PREFLIGHT_FAILED = "PreflightFailed";

  /** The request names a connection the worker's configuration does not have. */
  public static final String UNKNOWN_CONNECTION = "UnknownConnection";

  /** A platform's {@code iap_profiles} document is missing. */
  public static final String PROFILE_NOT_FOUND = "ProfileNotFound";

  /** An activity input that can never work (a malformed path or duration). */
  public static final String INVALID_INPUT = "InvalidInput";

  /** An HTTP endpoint refused the call (401/403 or another 4xx): retrying changes nothing. */
  public static final String HTTP_REFUSED = "HttpRefused";

  /** Green's copy of a document clashes with another Green document under a unique index. */
  public static final String UNIQUE_CONFLICT = "UniqueIndexConflict";

  /** Green already has an index of the same name with another definition. */
  public static final String INDEX_CONFLICT = "IndexConflict";

  /** Blue holds a value Green's server cannot store (Decimal128 on FerretDB 1.x). */
  public static final String UNSUPPORTED_BY_GREEN = "UnsupportedByGreen";

  /** A request's URL or traffic key is outside what the worker configuration allows. */
  public static final String NOT_ALLOWED_BY_WORKER = "NotAllowedByWorker";

  /** Every type above that an activity may raise: none of them is worth a retry. */
  public static final List<String> NON_RETRYABLE =
      List.of(
          PREFLIGHT_FAILED,
          UNKNOWN_CONNECTION,
          PROFILE_NOT_FOUND,
          INVALID_INPUT,
          HTTP_REFUSED,
          UNIQUE_CONFLICT,
          INDEX_CONFLICT,
          NOT_ALLOWED_BY_WORKER,
          UNSUPPORTED_BY_GREEN);

  private FailureTypes() {}
}
