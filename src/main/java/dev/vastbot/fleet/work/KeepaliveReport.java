package dev.vastbot.fleet.work;

import dev.vastbot.fleet.health.HostHealth;
import java.util.List;
import java.util.Map;

/**
 * What one keepalive pass found and did.
 *
 * @param health the health of every running instance (empty when the pass did not check)
 * @param pings instance id → "ok" or why the ping failed
 * @param restartedInstances instance id → what became of a restart of a stopped instance
 * @param workerRestarts one per instance whose workers were restarted
 * @param skipped instance id → why an unhealthy instance was left alone this time
 */
public record KeepaliveReport(
    List<HostHealth> health,
    Map<Long, String> pings,
    Map<Long, String> restartedInstances,
    List<WorkerRestart> workerRestarts,
    Map<Long, String> skipped) {

  public KeepaliveReport {
    health = List.copyOf(health);
    pings = Map.copyOf(pings);
    restartedInstances = Map.copyOf(restartedInstances);
    workerRestarts = List.copyOf(workerRestarts);
    skipped = Map.copyOf(skipped);
  }
}
