package dev.vastbot.service.loop;

import dev.vastbot.fleet.autoscale.PolicyView;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.service.autoscale.Autoscaler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the autoscaler's two loops run and what {@code /vast policy} reads of it: a tick over every
 * group, a demand poll between ticks, and every group as it looks now. Thread-safe as the
 * autoscaler is.
 */
public final class AutoscalerTicks {
  private final Autoscaler autoscaler;
  private final FleetStore store;

  /** @param store where the groups' demand readings are kept (for {@link #observeGroups()}) */
  public AutoscalerTicks(Autoscaler autoscaler, FleetStore store) {
    this.autoscaler = autoscaler;
    this.store = store;
  }

  /** One autoscaler tick over every group: one line per group's decision. */
  public String tick() throws InterruptedException {
    return autoscaler.tick(false).stream().map(outcome -> outcome.decision().group() + ": "
        + kind(outcome)).collect(Collectors.joining(", "));
  }

  /** One demand poll between ticks: a line per group the trigger decided at once. */
  public String poll() throws InterruptedException {
    List<Autoscaler.Outcome> decided = autoscaler.poll();
    return decided.isEmpty() ? "no trigger" : decided.stream().map(outcome -> outcome.decision().group()
        + ": triggered, " + kind(outcome)).collect(Collectors.joining(", "));
  }

  /** What every group looks like now, and whether its demand was read, for {@code /vast policy}'s "now:" lines. */
  public Map<String, PolicyView.Seen> observeGroups() throws InterruptedException {
    var observed = new LinkedHashMap<String, PolicyView.Seen>();
    autoscaler.observe().forEach((name, group) -> observed.put(name,
        new PolicyView.Seen(group.observation(), group.demandKnown(), store.demandReadings(name))));
    return observed;
  }

  private static String kind(Autoscaler.Outcome outcome) {
    return outcome.decision().kind().name().toLowerCase(Locale.ROOT);
  }
}
