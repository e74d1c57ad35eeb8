package dev.vastbot.fleet.autoscale;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmPoolTest {
  private final WarmPool pool = new WarmPool(2, 50, Duration.ofHours(24));

  @Test
  void admitsOnlyDisksWithinItsLimitAndNothingWhenOff() {
    assertTrue(pool.admits(50));
    assertFalse(pool.admits(50.5));
    assertFalse(WarmPool.NONE.admits(1));
  }

  @Test
  void keepsAMemberWhileItsStorageCostsLessThanTheBootTimeARestartSaves() {
    // 0.35 $/h for the 4 minutes a restart saves is 0.0233 $; storage at 0.01 $/h reaches it at 2.33 h
    Duration saved = Duration.ofMinutes(4);
    assertTrue(pool.worthKeeping(Duration.ofHours(2), 0.01, 0.35, saved));
    assertFalse(pool.worthKeeping(Duration.ofMinutes(150), 0.01, 0.35, saved));
  }

  @Test
  void dropsAMemberPastItsMaximumStopEvenWhenStorageIsFree() {
    assertTrue(pool.worthKeeping(Duration.ofHours(23), 0, 0.35, Duration.ofMinutes(4)));
    assertFalse(pool.worthKeeping(Duration.ofHours(24), 0, 0.35, Duration.ofMinutes(4)));
    assertFalse(WarmPool.NONE.worthKeeping(Duration.ZERO, 0, 0.35, Duration.ofMinutes(4)));
  }
}
