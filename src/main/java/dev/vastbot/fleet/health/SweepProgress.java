package dev.vastbot.fleet.health;

import java.time.Instant;

/**
 * How far a health sweep under way has come.
 *
 * @param checked hosts whose probe has come back (answered, failed or timed out)
 * @param total hosts the sweep probes
 * @param startedAt when the sweep began
 */
public record SweepProgress(int checked, int total, Instant startedAt) {}
