package dev.vastbot.ssh;

import dev.vastbot.fleet.sync.SyncReport.Failure;

/** Why a pull stopped; becomes the report's failure. The message is for people. */
final class SyncFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final Failure failure;

  SyncFailure(Failure failure, String message) {
    super(message, null, false, false);
    this.failure = failure;
  }

  Failure failure() {
    return failure;
  }
}
