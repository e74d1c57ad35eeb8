package dev.vastbot.app;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.cost.VastCharges;
import dev.vastbot.fleet.port.ChargesSource;
import dev.vastbot.service.cost.ChargesCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Vast's charges, asked at most once per period per {@code ttl}, so that {@code /vast cost} does not
 * call the API every time. A refusal that will not change by asking again (the account may not
 * read charges: 403, or 404 {@code auth_error}) is kept as long as an answer; a transient failure is
 * not kept. Time comes from the clock, so tests move it instead of sleeping. Thread-safe.
 */
public final class CachedCharges implements ChargesSource {
  private record Period(Instant from, Instant until) {}

  /** What Vast said: the charges, or the refusal to give them. */
  private record Answer(VastCharges charges, ProviderException refusal) {}

  private final ChargesSource source;
  private final Cache<Period, Answer> answers;

  public CachedCharges(ChargesSource source, Clock clock, Duration ttl) {
    this.source = requireNonNull(source, "source == null");
    requireNonNull(clock, "clock == null");
    this.answers = Caffeine.newBuilder()
        .expireAfterWrite(ttl)
        .maximumSize(64)
        .ticker(() -> Duration.between(Instant.EPOCH, clock.instant()).toNanos())
        .build();
  }

  @Override
  public VastCharges charges(Instant from, Instant until) {
    Answer answer = answers.get(new Period(from, until), period -> ask(period));
    if (answer.refusal() != null) {
      throw answer.refusal();
    }
    return answer.charges();
  }

  /** Whether this span's answer (or refusal) is kept now. */
  @Override
  public boolean answersAtOnce(Instant from, Instant until) {
    return answers.getIfPresent(new Period(from, until)) != null;
  }

  private Answer ask(Period period) {
    try {
      return new Answer(source.charges(period.from(), period.until()), null);
    } catch (ProviderException failure) {
      if (ChargesCheck.notAvailable(failure)) {
        return new Answer(null, failure);
      }
      throw failure;
    }
  }
}
