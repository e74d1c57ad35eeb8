package dev.vastbot.ssh;

import dev.vastbot.fleet.sync.SyncReport.Failure;

/** Why a pull stopped; becomes the report's failure. The message is for people. */
final class SyncFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final Failure failure;
  private final boolean refusedChannel;

  SyncFailure(Failure failure, String message) {
    this(failure, message, false);
  }

  private SyncFailure(Failure failure, String message, boolean refusedChannel) {
    super(message, null, false, false);
    this.failure = failure;
    this.refusedChannel = refusedChannel;
  }

  /** The server would not open one more channel (OpenSSH: more than MaxSessions at once). */
  static SyncFailure refusedChannel(String message) {
    return new SyncFailure(Failure.UNREACHABLE, message, true);
  }

  Failure failure() {
    return failure;
  }

  boolean refusedChannel() {
    return refusedChannel;
  }
}
