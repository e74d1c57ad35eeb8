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
    REMOTE_FAILED,
    /**
     * The host offered more bytes than it listed: refused before any was read, and the rest of
     * its stream with it (the stream cannot be trusted past that point).
     */
    OVERSIZED,
    /** Not sent: its stream was cut off at an {@link #OVERSIZED} file before it; to stream again. */
    NOT_SENT
  }
}
