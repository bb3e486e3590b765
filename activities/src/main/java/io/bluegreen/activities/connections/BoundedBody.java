package io.bluegreen.activities.connections;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a bound: a URL named in a request could answer with gigabytes, and the
 * worker must not hold them. The rest is not read (the stream is cancelled); the body seen is the
 * first {@code max} bytes, decoded as UTF-8.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {
  private final int max;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<String> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  private BoundedBody(int max) {
    this.max = max;
  }

  static HttpResponse.BodyHandler<String> handler(int max) {
    return info -> new BoundedBody(max);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      int take = Math.min(item.remaining(), max - bytes.size());
      byte[] chunk = new byte[take];
      item.get(chunk);
      bytes.write(chunk, 0, take);
      if (bytes.size() >= max) {
        subscription.cancel();
        finish();
        return;
      }
    }
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    finish();
  }

  private void finish() {
    result.complete(bytes.toString(StandardCharsets.UTF_8));
  }

  @Override
  public CompletionStage<String> getBody() {
    return result;
  }
}
