package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link RateFloor} on given times (nanoseconds from 0): no clock, no sleep. */
class RateFloorTest {
  private static final long S = 1_000_000_000L;

  private final RateFloor floor = new RateFloor(1000, Duration.ofSeconds(10));

  @Test
  void aStoppedClockNeverBreaches() {
    assertEquals(Long.MAX_VALUE, floor.breachAt());
    floor.resume(0);
    floor.pause(5 * S);
    assertEquals(Long.MAX_VALUE, floor.breachAt());
  }

  @Test
  void silenceFromTheStartBreachesAfterOneWindow() {
    floor.resume(3 * S);
    assertEquals(13 * S, floor.breachAt());
    assertTrue(floor.breach(13 * S).getMessage()
        .contains("the host sent 0 bytes in the last 10 s, below the minimum of 1000 bytes/s"));
  }

  @Test
  void aSteadyStreamAboveTheFloorNeverBreachesAndATrickleDoes() {
    floor.resume(0);
    for (long t = 1; t <= 100; t++) {
      floor.received(t * S, 2000);
      assertTrue(floor.breachAt() > t * S, "at " + t + " s");
    }
    for (long t = 101; t <= 120; t += 20) {
      floor.received(t * S, 1); // what remains of the last window drains
    }
    assertTrue(floor.breachAt() <= 121 * S, "the trickle breaches");
  }

  @Test
  void timeBetweenFilesDoesNotCountAndBytesThenAreNotCredited() {
    floor.resume(0);
    floor.received(5 * S, 10_000);
    floor.pause(6 * S);
    floor.received(50 * S, 1_000_000); // a header while the host prepared the next file
    floor.resume(60 * S);
    // 6 s of data time so far: the 10,000 bytes at data time 5 s hold until data time 15 s
    assertEquals(60 * S + 9 * S, floor.breachAt());
  }
}
