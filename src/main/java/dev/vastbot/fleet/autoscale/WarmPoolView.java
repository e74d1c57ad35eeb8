package dev.vastbot.fleet.autoscale;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The warm pools for people ({@code /vast policy}, {@code /vast list}). Pure. */
public final class WarmPoolView {
  private WarmPoolView() {}

  /**
   * One line per group that keeps a pool or has members, then one per member: {@code "selfplay:
   * warm pool 1 of 2 (max 100 GB disk, 24.0 h stopped), storage $0.020/h"} and {@code "  vast-7:
   * stopped since 2026-12-01T10:00Z (1.5 h), 50 GB, storage $0.020/h, $0.400/h running"}. Empty when
   * no group keeps a pool and none has members.
   */
  public static List<String> describe(AutoscalerPolicy policy, List<PoolMember> members, Instant now) {
    var lines = new ArrayList<String>();
    for (GroupPolicy group : policy.groups()) {
      List<PoolMember> own = members.stream().filter(m -> m.group().equals(group.name())).toList();
      WarmPool pool = group.warmPool();
      if (!pool.enabled() && own.isEmpty()) {
        continue;
      }
      lines.add(String.format(Locale.ROOT, "%s: warm pool %d of %d (max %.0f GB disk, %.1f h stopped), storage"
          + " $%.3f/h", group.name(), own.size(), pool.size(), pool.maxDiskGb(), pool.maxStopped().toMinutes() / 60.0,
          WarmPoolKeeper.storageDph(own)));
      own.forEach(member -> lines.add("  " + memberLine(member, now)));
    }
    members.stream().filter(m -> policy.group(m.group()).isEmpty())
        .forEach(m -> lines.add(m.group() + " (no longer configured): " + memberLine(m, now)));
    return lines;
  }

  /** {@code "vast-7: stopped since 2026-12-01T10:00Z (1.5 h), 50 GB, storage $0.020/h, $0.400/h running"}. */
  public static String memberLine(PoolMember member, Instant now) {
    return String.format(Locale.ROOT, "%s: stopped since %s (%.1f h), %.0f GB, storage $%.3f/h, $%.3f/h running",
        member.nodeName(), member.stoppedSince().truncatedTo(ChronoUnit.MINUTES),
        member.stoppedFor(now).toMinutes() / 60.0, member.diskGb(), member.storageDph(), member.runningDph());
  }
}
