package dev.vastbot.fleet.port;

import dev.vastbot.fleet.Instance;
import java.time.Instant;
import java.util.List;

/**
 * Told of every full list of the fleet, wherever it was taken (a cron verb, the console, {@code
 * serve}'s loops, a background refresh), so what must follow each listing happens in one place.
 * Called on the thread that listed; an implementation never throws.
 */
@FunctionalInterface
public interface ListingObserver {
  /** Does nothing. */
  ListingObserver NONE = (instances, at) -> {};

  /**
   * @param instances the whole list, as Vast answered it
   * @param at when it was taken
   */
  void listed(List<Instance> instances, Instant at);
}
