package dev.vastbot.service.loop;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.health.HostHealth;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.LoopTask;
import dev.vastbot.service.health.HealthSweep;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The health loop's tick: lists the fleet (replacing the shared snapshot; the list accrues the
 * spend ledger, as every list does), tells of instances lost, and sweeps it. Run by one loop
 * thread at a time.
 */
public final class HealthTick implements LoopTask {
  private final FleetSnapshots snapshots;
  private final LifecycleAlerts lifecycle;
  private final HealthSweep sweep;
  private final SweepTimer timer;

  /** Times one sweep, failed when it throws (the bot's metrics); {@link #UNTIMED} only runs it. */
  @FunctionalInterface
  public interface SweepTimer {
    List<HostHealth> time(Supplier<List<HostHealth>> sweep);
  }

  /** Runs the sweep and times nothing. */
  public static final SweepTimer UNTIMED = Supplier::get;

  /** All arguments non-null. */
  public HealthTick(FleetSnapshots snapshots, LifecycleAlerts lifecycle, HealthSweep sweep, SweepTimer timer) {
    this.snapshots = snapshots;
    this.lifecycle = lifecycle;
    this.sweep = sweep;
    this.timer = timer;
  }

  /**
   * @return how many instances are at each health level ("2 healthy, 1 warning"), or "no running
   *     instance"
   * @throws dev.vastbot.fleet.ProviderException when the list fails (the loop records it)
   */
  @Override
  public String tick() {
    List<Instance> instances = snapshots.refresh().instances();
    lifecycle.observe(instances);
    List<HostHealth> results = timer.time(() -> sweep.sweep(instances));
    Map<String, Long> byLevel = results.stream().collect(Collectors.groupingBy(
        h -> h.assessment().level().display(), TreeMap::new, Collectors.counting()));
    return results.isEmpty() ? "no running instance" : byLevel.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
  }
}
