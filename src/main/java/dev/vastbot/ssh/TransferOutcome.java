package dev.vastbot.ssh;

/** What became of one {@link Transfer}. */
record TransferOutcome(Transfer transfer, Result result, String detail) {
  enum Result {
    /** Written, verified and renamed to its real name. */
    COPIED,
    /** Only verified, and the local copy matched. */
    UNCHANGED,
    /** The hashes differed; nothing was renamed. */
    MISMATCH,
    /** The host could not send it (gone, changed while read, snapshot failed). */
    REMOTE_FAILED
  }
}
