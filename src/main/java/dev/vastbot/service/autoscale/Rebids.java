package dev.vastbot.service.autoscale;

import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.RentalType;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.GroupInstance;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.OfferPreference;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.GpuProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Locale;

/**
 * In a group that rebids outbid instances ({@code on_outbid: rebid}), raises each outbid one's bid
 * to the group's ceiling (Vast resumes it when the bid wins); one already at the ceiling waits, and
 * says so. Each raise is audited. Called with the autoscaler's decisions serialised.
 */
final class Rebids {
  private final AutoscalerPolicy policy;
  private final GpuProvider provider;
  private final FleetStore store;
  private final Clock clock;

  Rebids(AutoscalerPolicy policy, GpuProvider provider, FleetStore store, Clock clock) {
    this.policy = policy;
    this.provider = provider;
    this.store = store;
    this.clock = clock;
  }

  /** {@code observed} with what the rebids did (or, in a dry run, would do) joined to its lines. */
  Autoscaler.Observed withRebids(Autoscaler.Observed observed, boolean dryRun) {
    GroupPolicy group = policy.group(observed.group()).orElseThrow();
    OfferPreference offers = group.offers();
    if (offers.rentalType() != RentalType.BID || offers.onOutbid() != OfferPreference.OutbidAction.REBID) {
      return observed;
    }
    var lines = new ArrayList<>(observed.problems());
    for (GroupInstance instance : observed.observation().orElseThrow().instances()) {
      if (instance.outbid()) {
        lines.add(rebid(instance, offers.bidCeiling(), dryRun));
      }
    }
    return new Autoscaler.Observed(observed.group(), observed.observation(), observed.demandKnown(), lines);
  }

  private String rebid(GroupInstance instance, double ceiling, boolean dryRun) {
    double bid = Math.max(0, instance.dphTotal() - instance.storageDph());
    if (bid >= ceiling - 0.0005) {
      return String.format(Locale.ROOT, "vast-%d was outbid at its bid ceiling $%.3f/h: it resumes when"
          + " it wins again (on_outbid: replace would replace it)", instance.id(), ceiling);
    }
    if (dryRun) {
      return String.format(Locale.ROOT, "vast-%d was outbid: would raise its bid from $%.3f to the"
          + " ceiling $%.3f/h", instance.id(), bid, ceiling);
    }
    try {
      provider.changeBid(instance.id(), ceiling);
      store.appendAudit(new AuditEntry(clock.instant(), Autoscaler.ACTOR.id(), "rebid", "vast-" + instance.id(),
          String.format(Locale.ROOT, "$%.3f/h -> $%.3f/h", bid, ceiling)));
      return String.format(Locale.ROOT, "vast-%d was outbid: raised its bid from $%.3f to the ceiling"
          + " $%.3f/h", instance.id(), bid, ceiling);
    } catch (ProviderException e) {
      return "vast-" + instance.id() + " was outbid; raising its bid failed: " + e.getMessage();
    }
  }
}
