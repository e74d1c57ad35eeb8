package dev.vastbot.slack;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Answers rendered once and shared, for a while, by every caller with the same key: a burst of 200
 * {@code /vast status} renders it once. A caller waits only for its own key's rendering, never for
 * another key's: the cache holds a future, put without a lock held while it is computed (a
 * Caffeine {@code get(key, function)} computes under the lock of the key's bin, which other keys
 * share, so one slow rendering held up {@code /vast help}). A rendering that comes out null or
 * fails is not kept. Keys must name everything the answer depends on. Thread-safe.
 */
final class SharedAnswers<T> {
  private final AsyncCache<String, T> answers;

  /** @param keptFor how long an answer is shared, on {@code clock} */
  SharedAnswers(Clock clock, Duration keptFor) {
    this.answers = Caffeine.newBuilder()
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .expireAfterWrite(keptFor)
        .maximumSize(1_000)
        .buildAsync();
  }

  /**
   * The answer for {@code key}: the one being rendered or kept, else {@code render}'s, on this
   * thread. Null when {@code render} gives null, or when the rendering this caller waited for
   * failed (the caller then answers on its own).
   *
   * @throws RuntimeException what {@code render} throws, on the thread that ran it
   */
  T get(String key, Supplier<T> render) {
    CompletableFuture<T> mine = new CompletableFuture<>();
    CompletableFuture<T> theirs = answers.asMap().putIfAbsent(key, mine);
    if (theirs != null) {
      try {
        return theirs.join();
      } catch (CompletionException | CancellationException failed) {
        return null;
      }
    }
    try {
      T rendered = render.get();
      mine.complete(rendered); // a null answer leaves the cache
      return rendered;
    } catch (RuntimeException failed) {
      mine.completeExceptionally(failed);
      throw failed;
    }
  }
}
