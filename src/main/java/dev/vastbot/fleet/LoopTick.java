package dev.vastbot.fleet;

import java.time.Instant;

/**
 * The outcome of one tick of a background loop.
 *
 * @param ok true when the tick completed (whatever it found), false when it failed
 * @param outcome what it did or why it failed, for people
 */
public record LoopTick(String loop, Instant startedAt, Instant finishedAt, boolean ok, String outcome) {}
