package dev.vastbot.hosts;

import dev.vastbot.config.DistributedHostsFile;
import dev.vastbot.config.VastHostEntry;
import dev.vastbot.fleet.Instance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings the {@code vast_instances} section of distributed_hosts.yaml in line with what Vast lists
 * (the old {@code vast_p2p_sync.py --update-config}). Listed instances are written with their
 * current status, their Tailscale IP (learned now, else the one known before) and {@code last_seen =
 * now}; entries that
 * Vast no longer lists stay, marked {@code gone}, with their last sighting. Every other section of
 * the file is left as it was.
 */
public final class VastInstancesSync {
  /** The status written for an instance Vast no longer lists. */
  public static final String GONE = "gone";

  /** What a sync changed. */
  public record Report(int listed, int added, int markedGone) {}

  private VastInstancesSync() {}

  /** @param tailscaleIps instance id → Tailscale IP found now (instances missing keep the old one) */
  public static Report sync(DistributedHostsFile file, List<Instance> instances, Map<Long, String> tailscaleIps,
      Instant now) {
    Map<Long, VastHostEntry> previous = new LinkedHashMap<>();
    file.readVastInstances().forEach(entry -> previous.put(entry.id(), entry));
    List<VastHostEntry> entries = new ArrayList<>();
    int added = 0;
    for (Instance instance : instances) {
      VastHostEntry before = previous.remove(instance.id());
      if (before == null) {
        added++;
      }
      String ip = tailscaleIps.getOrDefault(instance.id(), before == null ? null : before.tailscaleIp());
      entries.add(new VastHostEntry(instance.id(), instance.nodeName(), ip, instance.gpuName(), instance.numGpus(),
          instance.displayStatus(), now));
    }
    int markedGone = 0;
    for (VastHostEntry old : previous.values()) {
      if (!GONE.equals(old.status())) {
        markedGone++;
      }
      entries.add(new VastHostEntry(old.id(), old.hostname(), old.tailscaleIp(), old.gpuType(),
          old.gpuCount(), GONE, old.lastSeen()));
    }
    file.writeVastInstances(entries);
    return new Report(instances.size(), added, markedGone);
  }
}
