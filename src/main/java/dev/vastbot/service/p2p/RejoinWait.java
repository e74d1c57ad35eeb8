package dev.vastbot.service.p2p;

import dev.vastbot.fleet.port.Pause;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How long and how a (re)started orchestrator is waited for until it is healthy and has rejoined
 * ({@link P2pNetwork#start}): its {@code /health} is asked once a second on {@code clock} until
 * {@code timeout} has passed, waiting with {@code pause} in between.
 *
 * @param timeout the most a start waits; zero asks once
 * @param clock what "until" is measured on; never null
 * @param pause waits between two asks (a test's advances its clock); never null
 */
public record RejoinWait(Duration timeout, Clock clock, Pause pause) {
  public RejoinWait {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(pause, "pause");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("the rejoin timeout must not be negative: " + timeout);
    }
  }
}
