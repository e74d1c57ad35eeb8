package dev.vastbot.fleet.sync;

import java.time.Instant;

/**
 * The last sync of one instance, for {@code data-sync --status} and {@code /vast sync status}.
 *
 * @param detail what went wrong, or a short summary when it was verified
 */
public record SyncRecord(long instanceId, Instant syncedAt, int files, long bytes, boolean verified,
    String detail) {}
