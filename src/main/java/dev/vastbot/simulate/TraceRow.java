package dev.vastbot.simulate;

import java.time.Instant;

/** One line of a demand trace: {@code games} enqueued from {@code time} until the next line. */
public record TraceRow(Instant time, double games) {}
