package dev.vastbot.fleet.port;

import dev.vastbot.fleet.autoscale.DemandSignal;
import dev.vastbot.fleet.autoscale.GroupPolicy;

/**
 * Reads a group's demand signal (see {@link DemandSignal}): the games queued or pending now. The
 * adapters implement it (HTTP, a command, a file, the orchestrators' status over SSH).
 */
@FunctionalInterface
public interface DemandReader {

  /**
   * The games queued for {@code group} now.
   *
   * @throws Unavailable when the signal cannot be read, with a reason for people (never a secret)
   */
  double queuedGames(GroupPolicy group) throws InterruptedException;

  /** The signal could not be read; the autoscaler then scales down nothing. */
  final class Unavailable extends RuntimeException {
    public Unavailable(String reason) {
      super(reason);
    }
  }
}
