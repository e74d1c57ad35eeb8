package dev.vastbot.fleet.port;

import dev.vastbot.fleet.Alert;

/** Where alerts go (Slack alert threads, or the log). Thread-safe; never throws. */
@FunctionalInterface
public interface AlertSink {
  void alert(Alert alert);

  /** The incident cleared ({@code text} says how); a sink that keeps threads closes its thread. */
  default void resolved(String incident, String text) {}

  /**
   * What one pass of a loop found, together, so that a sink can tell a fleet-wide event as one
   * message ({@link dev.vastbot.fleet.alert.AlertPlanner}). By default each event on its own: a
   * raised or continued one as {@link #alert}, a cleared one as {@link #resolved}.
   */
  default void publish(dev.vastbot.fleet.alert.AlertBatch batch) {
    for (var event : batch.events()) {
      if (event instanceof dev.vastbot.fleet.alert.AlertEvent.Raised raised) {
        alert(raised.alert());
      } else if (event instanceof dev.vastbot.fleet.alert.AlertEvent.Continued continued) {
        alert(continued.alert());
      } else if (event instanceof dev.vastbot.fleet.alert.AlertEvent.Cleared cleared) {
        resolved(cleared.incident(), cleared.text());
      }
    }
  }
}
