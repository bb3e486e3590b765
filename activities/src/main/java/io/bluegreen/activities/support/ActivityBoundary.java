package io.bluegreen.activities.support;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSecurityException;
import io.bluegreen.activities.connections.Secrets;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisAccessControlException;

/**
 * The edge of every activity: whatever escapes an activity becomes an {@link ApplicationFailure}
 * whose message has no credentials. Drivers put hosts, and sometimes URIs, into their messages, and
 * the SDK would otherwise serialise the exception (message and cause chain) into workflow history,
 * where every operator can read it.
 */
public final class ActivityBoundary {
  private static final Logger log = LoggerFactory.getLogger(ActivityBoundary.class);

  private final Secrets secrets;

  public ActivityBoundary(Secrets secrets) {
    this.secrets = secrets;
  }

  public <T> T run(String activity, Supplier<T> body) {
    try {
      return body.get();
    } catch (ActivityCompletionException e) {
      // Cancellation or timeout reported by a heartbeat: the SDK must see it unchanged.
      throw e;
    } catch (ApplicationFailure e) {
      throw scrubbed(e);
    } catch (RuntimeException | Error e) {
      String message = activity + " failed: " + secrets.scrub(describe(e));
      log.warn("{}", message);
      // No cause attached: the cause's message and stack would carry the unscrubbed text.
      if (isPermanent(e)) {
        throw ApplicationFailure.newNonRetryableFailure(message, e.getClass().getSimpleName());
      }
      throw ApplicationFailure.newFailure(message, e.getClass().getSimpleName());
    }
  }

  private ApplicationFailure scrubbed(ApplicationFailure e) {
    String original = e.getOriginalMessage();
    String clean = secrets.scrub(original);
    if (clean == null || clean.equals(original)) {
      return e;
    }
    return e.isNonRetryable()
        ? ApplicationFailure.newNonRetryableFailure(clean, e.getType())
        : ApplicationFailure.newFailure(clean, e.getType());
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /**
   * Wrong credentials or missing privileges will not fix themselves by retrying; everything else
   * (network, elections, timeouts) might.
   */
  private static boolean isPermanent(Throwable e) {
    if (e instanceof MongoSecurityException || e instanceof JedisAccessControlException) {
      return true;
    }
    if (e instanceof MongoCommandException c) {
      int code = c.getErrorCode();
      return code == 13 /* Unauthorized */ || code == 18 /* AuthenticationFailed */;
    }
    return false;
  }
}
