package dev.vastbot.fleet;

import java.util.Locale;

/**
 * Our reading of Vast's {@code actual_status}. The set Vast uses is open-ended, so any value we do
 * not know maps to {@link #UNKNOWN}; the raw string is kept on {@link Instance#rawStatus()} so that
 * it can still be shown.
 */
public enum InstanceState {
  /** {@code actual_status} is null: just created, not yet scheduled. */
  PROVISIONING,
  CREATED,
  LOADING,
  RUNNING,
  STOPPED,
  FROZEN,
  EXITED,
  REBOOTING,
  RECYCLING,
  OFFLINE,
  /** Vast's own {@code unknown} (no heartbeat) or any value this version does not know. */
  UNKNOWN;

  /** Maps a raw {@code actual_status}; never throws. */
  public static InstanceState fromVast(String actualStatus) {
    if (actualStatus == null || actualStatus.isBlank()) {
      return PROVISIONING;
    }
    return switch (actualStatus.strip().toLowerCase(Locale.ROOT)) {
      case "created" -> CREATED;
      case "loading" -> LOADING;
      case "running" -> RUNNING;
      case "stopped" -> STOPPED;
      case "frozen" -> FROZEN;
      case "exited" -> EXITED;
      case "rebooting" -> REBOOTING;
      case "recycling" -> RECYCLING;
      case "offline" -> OFFLINE;
      default -> UNKNOWN;
    };
  }

  /** A state from which an instance will not reach RUNNING without someone acting. */
  public boolean isTerminalForBoot() {
    return this == STOPPED || this == EXITED || this == OFFLINE || this == UNKNOWN;
  }

  public String display() {
    return name().toLowerCase(Locale.ROOT);
  }
}
