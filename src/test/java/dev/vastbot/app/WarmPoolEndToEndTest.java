package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.autoscale.PoolMember;
import dev.vastbot.fleet.sync.SyncRecord;
import dev.vastbot.service.termination.Terminator;
import dev.vastbot.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group's warm pool in the demo world (the simulated Vast API over HTTP, simulated hosts over
 * SSH): a scale-down copies, verifies and stops up to the pool's size without asking anyone (the
 * group's scale-downs otherwise wait for approval), and terminates the rest as usual; a scale-up
 * restarts members before it rents anything; a member whose GPU was taken is destroyed without a
 * second copy and a fresh rent takes its place in the same decision, within the group's maximum.
 */
class WarmPoolEndToEndTest {
  private static final String GROUP = "selfplay-4090";
  @TempDir Path configDir;
  /** The demo's only clock: its pause advances it, so boots, restarts and deadlines pass without sleeping. */
  private final MutableClock clock = MutableClock.at("2026-12-10T12:00:00Z");
  private DemoWorld world;
  private final List<Long> destroyed = new CopyOnWriteArrayList<>();
  /** For each DELETE that reached the API: whether a verified copy of that instance was held then. */
  private final List<Boolean> copiedAtDelete = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aScaleDownParksUpToThePoolsSize_withoutApproval_andTerminatesTheRestAsUsual() throws Exception {
    start(false);
    List<Long> three = rentThree();

    String down = run("/vast scale-down 3 --group " + GROUP);

    List<PoolMember> pool = world.bot().store().poolMembers();
    assertEquals(2, pool.size(), down);
    for (PoolMember member : pool) {
      assertTrue(down.contains(member.nodeName() + ": copied, verified and stopped into the warm pool"), down);
      assertEquals(InstanceState.STOPPED, state(member.instanceId()), down);
      SyncRecord copy = syncOf(member.instanceId());
      assertTrue(copy.verified() && !copy.syncedAt().isAfter(member.stoppedSince()), copy.toString());
    }
    long third = three.stream().filter(id -> pool.stream().noneMatch(m -> m.instanceId() == id)).findFirst()
        .orElseThrow();
    assertTrue(down.contains("vast-" + third + ": termination ") && down.contains(" awaits approval"), down);
    assertEquals(List.of("vast-" + third), world.bot().store().openOperations(Terminator.KIND).stream()
        .map(o -> o.target()).toList(), "only the one past the pool is terminated, and it waits for a person");
    assertEquals(List.of(), destroyed, "a stop destroys nothing");
    String list = run("/vast list");
    assertTrue(list.contains("Warm pool (stopped, storage billed):"), list);
    for (PoolMember member : pool) {
      assertTrue(list.contains(GROUP + " " + member.nodeName() + ": stopped since "), list);
    }
    String policy = run("/vast policy");
    assertTrue(policy.contains(GROUP + ": warm pool 2 of 2 (max 500 GB disk, 24.0 h stopped), storage $"), policy);
    String keepalive = run("/vast keepalive");
    assertEquals(InstanceState.STOPPED, state(pool.get(0).instanceId()), "the keepalive leaves it: " + keepalive);
  }

  @Test
  void aScaleUpRestartsAPoolMember_beforeAnyFreshRent() throws Exception {
    start(false);
    rentThree();
    run("/vast scale-down 2 --group " + GROUP);
    List<PoolMember> pool = world.bot().store().poolMembers();
    assertEquals(2, pool.size());
    Set<Long> before = ids();

    String up = run("/vast scale-up 1 --group " + GROUP);

    assertEquals(before, ids(), "nothing rented: " + up);
    long newest = pool.stream().max(java.util.Comparator.comparing(PoolMember::stoppedSince)
        .thenComparingLong(PoolMember::instanceId)).orElseThrow().instanceId();
    assertTrue(up.contains("vast-" + newest + " restarted from the warm pool"), up);
    assertTrue(up.contains("vast-" + newest + ": 1 worker(s) started"), "its workers run again: " + up);
    assertEquals(InstanceState.RUNNING, state(newest), up);
    assertEquals(1, world.bot().store().poolMembers().size(), up);
    assertFalse(up.contains("rented"), up);
  }

  @Test
  void aGpuTakenOnEveryRestart_destroysEachMemberUncopied_andAFreshRentTakesItsPlace() throws Exception {
    start(true, 5, 10); // keepalive.restart_timeout_minutes 10, the policy's boot estimate 5
    rentThree();
    run("/vast scale-down 2 --group " + GROUP);
    List<PoolMember> pool = world.bot().store().poolMembers();
    assertEquals(2, pool.size());
    pool.forEach(member -> world.marketplace().faults().gpuTakenOnRestart(member.instanceId()));
    Set<Long> before = ids();
    Instant asked = clock.instant();

    String up = run("/vast scale-up 2 --group " + GROUP);

    // a restart slower than a fresh boot saves nothing: waited for the 5-min boot, not the 10-min timeout
    Duration waited = Duration.between(asked, clock.instant());
    assertTrue(waited.compareTo(Duration.ofMinutes(5)) >= 0 && waited.compareTo(Duration.ofMinutes(8)) < 0,
        "the scale-up took " + waited + " on the clock: " + up);
    for (PoolMember member : pool) {
      assertTrue(up.contains(member.nodeName() + " not running 300 s after its restart: its GPU was taken"), up);
      assertTrue(destroyed.contains(member.instanceId()), up);
    }
    assertEquals(List.of(true, true), copiedAtDelete, "each destroyed held a verified copy: " + up);
    assertTrue(up.contains("rented 2 of 2"), up);
    Set<Long> after = ids();
    assertEquals(3, after.size(), "the group's maximum: " + after + "\n" + up);
    assertEquals(2, after.stream().filter(id -> !before.contains(id)).count(), up);
    assertEquals(List.of(), world.bot().store().poolMembers(), up);
    String audit = run("/vast audit 40");
    assertTrue(audit.contains("destroyed a warm pool member; not copied again"), audit);
  }

  @Test
  void aMemberNoLongerWorthKeeping_isDestroyedByTheNextTick_withoutASecondCopy() throws Exception {
    start(true, 2, 1); // autoscaler.boot_minutes 2: a restart (1 min) saves 1 min of boot
    rentThree();
    run("/vast scale-down 1 --group " + GROUP);
    PoolMember parked = world.bot().store().poolMembers().get(0);
    SyncRecord copy = syncOf(parked.instanceId());
    // storage at a 60th of the running price: after 2 h it has cost 2 min of running, more than the
    // 1 min of boot a restart saves by the policy's estimate (though less than a fixed 5-min boot's 4)
    world.bot().store().addPoolMember(new PoolMember(parked.instanceId(), parked.group(), parked.stoppedSince(),
        parked.copiedAt(), parked.diskGb(), parked.runningDph() / 60, parked.runningDph()));
    clock.advance(Duration.ofHours(2));

    String tick = run("/vast autoscale");

    assertTrue(tick.contains(parked.nodeName() + " leaves the warm pool (its storage so far"), tick);
    assertTrue(tick.contains("is more than the 1 min of boot a restart saves"), tick);
    assertTrue(tick.contains("succeeded (no second copy"), tick);
    assertEquals(List.of(parked.instanceId()), destroyed, tick);
    assertEquals(List.of(true), copiedAtDelete, tick);
    assertEquals(copy, syncOf(parked.instanceId()), "not copied again: " + tick);
    assertEquals(List.of(), world.bot().store().poolMembers(), tick);
  }

  private void start(boolean unattended) throws Exception {
    start(unattended, 5, 1);
  }

  /** The demo with {@code autoscaler.boot_minutes} and {@code keepalive.restart_timeout_minutes} as given. */
  private void start(boolean unattended, int bootMinutes, int restartTimeoutMinutes) throws Exception {
    Files.writeString(configDir.resolve("queue"), "0\n");
    Files.writeString(configDir.resolve("vastbot.yaml"), """
        health:
          connect_timeout_seconds: 2
          command_timeout_seconds: 10
        keepalive:
          restart_timeout_minutes: %d
        autoscaler:
          boot_minutes: %d
          budget: {daily_usd: 1000, monthly_usd: 100000}
          groups:
            %s:
              min_instances: 0
              max_instances: 3
              gpu_types: [RTX 4090]
              max_price: 5.0
              budget: {daily_usd: 1000, monthly_usd: 100000}
              scale_up_cooldown_minutes: 0
              scale_down_cooldown_minutes: 0
              max_creates_per_tick: 3
              max_terminations_per_tick: 3
              unattended_scale_down: %s
              demand: {source: file, file: %s}
              warm_pool: {size: 2, max_disk_gb: 500, max_stopped_hours: 24}
        """.formatted(restartTimeoutMinutes, bootMinutes, GROUP, unattended, configDir.resolve("queue")));
    world = DemoWorld.start(ConfigLoader.load(configDir, Map.of(), configDir), 21, clock, clock.pause());
    world.marketplace().onDestroy(id -> {
      destroyed.add(id);
      copiedAtDelete.add(world.bot().store().syncRecords().stream().anyMatch(r -> r.instanceId() == id
          && r.verified()));
    });
  }

  private List<Long> rentThree() throws InterruptedException {
    String up = run("/vast scale-up 3 --group " + GROUP);
    assertTrue(up.contains("rented 3 of 3"), up);
    world.bot().loops().stream().filter(loop -> loop.name().equals("health")).findFirst().orElseThrow().runOnce();
    return List.copyOf(ids());
  }

  private Set<Long> ids() {
    return world.bot().provider().listInstances().stream().map(Instance::id).collect(Collectors.toSet());
  }

  private InstanceState state(long id) {
    return world.bot().provider().findInstance(id).orElseThrow().state();
  }

  private SyncRecord syncOf(long id) {
    return world.bot().store().syncRecords().stream().filter(r -> r.instanceId() == id).findFirst().orElseThrow();
  }

  private String run(String line) throws InterruptedException {
    return new TextRenderer().render(world.bot().router().route(line, Caller.console()));
  }
}
