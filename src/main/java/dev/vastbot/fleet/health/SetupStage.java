package dev.vastbot.fleet.health;

import dev.vastbot.fleet.OpenSetup;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Where an instance stands with its set-up, as the health sweep sees it. */
public enum SetupStage {
  /** No set-up in progress: probed and judged against the thresholds. */
  JUDGED,
  /** Set-up in progress, within its deadline: shown as starting, not judged, its streak untouched. */
  STARTING,
  /** Set-up still in progress past its deadline: reported once, then judged like any other. */
  OVERDUE;

  /**
   * Pure: the stage of an instance with {@code setup} in progress (empty: none) at {@code now}.
   *
   * @param deadline how long a set-up may take, counted from its start
   */
  public static SetupStage of(Optional<OpenSetup> setup, Instant now, Duration deadline) {
    if (setup.isEmpty()) {
      return JUDGED;
    }
    return now.isBefore(setup.get().startedAt().plus(deadline)) ? STARTING : OVERDUE;
  }
}
