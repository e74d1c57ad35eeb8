package dev.vastbot.fleet.autoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The warm pool's pure decisions: a scale-down parks up to the pool's room, only disks it admits;
 * members expire past max_stopped_hours, when their storage so far is worth more than the boot a
 * restart saves (the policy's boot estimate less a 1 min restart), or beyond a pool made smaller; a
 * scale-up restarts the most recently stopped first, and waits for a restart no longer than a fresh
 * boot would take.
 */
class WarmPoolKeeperTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final WarmPool POOL = new WarmPool(2, 100, Duration.ofHours(24));
  /** The policy's default boot estimate (autoscaler.boot_minutes: 5). */
  private static final Duration BOOT = Duration.ofMinutes(5);

  @Test
  void aScaleDownParksUpToTheRoomLeft_onlyDisksThePoolAdmits_andDestroysTheRest() {
    var split = WarmPoolKeeper.split(POOL, 0, List.of(1L, 2L, 3L, 4L), Map.of(1L, 50.0, 2L, 500.0, 3L, 80.0, 4L, 60.0));
    assertEquals(List.of(1L, 3L), split.park());
    assertEquals(List.of(2L, 4L), split.destroy(), "2's disk is too large, 4 finds the pool full");

    assertEquals(List.of(4L), WarmPoolKeeper.split(POOL, 1, List.of(4L, 1L), Map.of(4L, 60.0, 1L, 50.0)).park());
    assertEquals(List.of(), WarmPoolKeeper.split(WarmPool.NONE, 0, List.of(1L), Map.of(1L, 1.0)).park());
    assertEquals(List.of(9L), WarmPoolKeeper.split(POOL, 0, List.of(9L), Map.of()).destroy(), "disk unknown");
  }

  @Test
  void membersExpire_pastMaxStoppedHours() {
    // storage 0 $/h: worth keeping by price, so only the hours count
    var young = member(1, T0.minus(Duration.ofHours(23)), 0.0);
    var old = member(2, T0.minus(Duration.ofHours(24)), 0.0);

    List<WarmPoolKeeper.Expiry> expired = WarmPoolKeeper.expired(POOL, List.of(young, old), T0, BOOT);

    assertEquals(List.of(old), expired.stream().map(WarmPoolKeeper.Expiry::member).toList());
    assertTrue(expired.get(0).why().contains("stopped 24.0 h, max_stopped_hours 24.0"), expired.get(0).why());
  }

  @Test
  void membersExpire_whenTheirStorageSoFarIsWorthMoreThanTheBootARestartSaves() {
    // running 0.60 $/h × 4 min saved = 0.040 $; storage 0.02 $/h passes it after 2 h
    var kept = member(1, T0.minus(Duration.ofMinutes(119)), 0.02);
    var dear = member(2, T0.minus(Duration.ofMinutes(121)), 0.02);

    List<WarmPoolKeeper.Expiry> expired = WarmPoolKeeper.expired(POOL, List.of(kept, dear), T0, BOOT);

    assertEquals(List.of(dear), expired.stream().map(WarmPoolKeeper.Expiry::member).toList());
    assertTrue(expired.get(0).why().contains("more than the 4 min of boot a restart saves ($0.040 at $0.600/h)"),
        expired.get(0).why());
  }

  @Test
  void whatARestartSaves_followsThePolicysBootEstimate() {
    // running 0.60 $/h; storage 0.02 $/h: with a 10 min boot, 9 min saved = 0.090 $, passed after 4.5 h
    var kept = member(1, T0.minus(Duration.ofMinutes(269)), 0.02);
    var dear = member(2, T0.minus(Duration.ofMinutes(271)), 0.02);

    List<WarmPoolKeeper.Expiry> expired =
        WarmPoolKeeper.expired(POOL, List.of(kept, dear), T0, Duration.ofMinutes(10));

    assertEquals(List.of(dear), expired.stream().map(WarmPoolKeeper.Expiry::member).toList());
    assertTrue(expired.get(0).why().contains("more than the 9 min of boot a restart saves ($0.090 at $0.600/h)"),
        expired.get(0).why());
    // a boot no slower than the 1 min restart: a restart saves nothing, so any storage is too much
    assertEquals(List.of(kept), WarmPoolKeeper.expired(POOL, List.of(kept), T0, Duration.ofMinutes(1)).stream()
        .map(WarmPoolKeeper.Expiry::member).toList());
    assertEquals(Duration.ZERO, WarmPoolKeeper.bootSaved(Duration.ofSeconds(30)));
  }

  @Test
  void aRestartIsWaitedFor_noLongerThanAFreshBootWouldTake() {
    assertEquals(Duration.ofMinutes(5), WarmPoolKeeper.restartDeadline(Duration.ofMinutes(10), BOOT),
        "the default restart timeout (10 min) against the default boot estimate (5 min)");
    assertEquals(Duration.ofMinutes(1), WarmPoolKeeper.restartDeadline(Duration.ofMinutes(1), BOOT));
    assertEquals(Duration.ofMinutes(3),
        WarmPoolKeeper.restartDeadline(Duration.ofMinutes(10), Duration.ofMinutes(3)));
  }

  @Test
  void aPoolMadeSmaller_letsItsOldestMembersGo_andAScaleUpRestartsTheNewestFirst() {
    var oldest = member(1, T0.minus(Duration.ofMinutes(30)), 0.0);
    var middle = member(2, T0.minus(Duration.ofMinutes(20)), 0.0);
    var newest = member(3, T0.minus(Duration.ofMinutes(10)), 0.0);
    List<PoolMember> members = List.of(oldest, middle, newest);

    assertEquals(List.of(oldest), WarmPoolKeeper.expired(POOL, members, T0, BOOT).stream()
        .map(WarmPoolKeeper.Expiry::member).toList());
    assertEquals(List.of(newest, middle), WarmPoolKeeper.restartFirst(members, 2));
    assertEquals(3, WarmPoolKeeper.expired(WarmPool.NONE, members, T0, BOOT).size(), "no pool configured: all go");
  }

  private static PoolMember member(long id, Instant stopped, double storageDph) {
    return new PoolMember(id, "selfplay", stopped, stopped.minusSeconds(60), 50, storageDph, 0.60);
  }
}
