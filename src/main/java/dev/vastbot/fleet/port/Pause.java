package dev.vastbot.fleet.port;

import java.time.Duration;

/**
 * Waits. Injected wherever code must wait for the world (backoff, polling), so that tests can
 * advance a clock instead of sleeping.
 */
@FunctionalInterface
public interface Pause {
  void pause(Duration duration) throws InterruptedException;

  /** The real thing. */
  static Pause sleeping() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
