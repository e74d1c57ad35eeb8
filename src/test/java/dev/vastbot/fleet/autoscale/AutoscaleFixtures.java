package dev.vastbot.fleet.autoscale;

import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.RentalType;
import dev.vastbot.fleet.autoscale.OfferPreference.OutbidAction;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A Berlin-time policy with one group {@code selfplay} (2..10, 14 at night 22:00–06:00 at most
 * $0.40/h) and builders for what a tick observes.
 */
public final class AutoscaleFixtures {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** Wednesday 2026-06-10, 12:00 in Berlin (CEST): the default window. */
  public static final Instant NOON = Instant.parse("2026-06-10T10:00:00Z");

  private AutoscaleFixtures() {}

  static TimeWindow night() {
    return new TimeWindow(
        "night",
        EnumSet.allOf(DayOfWeek.class),
        LocalTime.of(22, 0),
        LocalTime.of(6, 0),
        OptionalInt.of(14),
        OptionalDouble.of(0.40));
  }

  static Pacing pacing(int creates, int terminations) {
    return new Pacing(
        Duration.ofMinutes(15),
        Duration.ofMinutes(10),
        creates,
        terminations,
        Duration.ofMinutes(30),
        3);
  }

  /** {@link #pacing(int, int)} allowing {@code concurrent} replacements at once. */
  static Pacing pacing(int creates, int terminations, int concurrent) {
    var base = pacing(creates, terminations);
    return new Pacing(base.scaleUpCooldown(), base.scaleDownCooldown(), creates, terminations, base.idleWindow(),
        base.unhealthyChecksBeforeReplace(), base.replacementHealthWindow(), concurrent);
  }

  static GroupPolicy group(Budget budget, Pacing pacing) {
    return new GroupPolicy(
        "selfplay",
        2,
        10,
        DemandSignal.p2pStatus(),
        new Throughput(Map.of("RTX 4090", 300.0), 100),
        new Hysteresis(1.0, 0.25),
        pacing,
        new OfferPreference(
            List.of("RTX 3070", "RTX 4090"),
            0.50,
            0.95,
            RentalType.ON_DEMAND,
            0.50,
            OutbidAction.REPLACE,
            50),
        budget,
        List.of(night()));
  }

  static Budget generousGroupBudget() {
    return new Budget(10, 200, 5000);
  }

  static Budget generousTotalBudget() {
    return new Budget(20, 400, 10000);
  }

  public static AutoscalerPolicy policy() {
    return policy(generousGroupBudget(), generousTotalBudget(), pacing(2, 1));
  }

  public static AutoscalerPolicy policy(Budget groupBudget, Budget totalBudget, Pacing pacing) {
    return new AutoscalerPolicy(
        BERLIN, Duration.ofMinutes(10), totalBudget, List.of(group(groupBudget, pacing)));
  }

  static GroupInstance busy(long id, double price) {
    return rtx3070(id, price, true, Optional.empty(), false);
  }

  static GroupInstance idleSince(long id, double price, Instant since) {
    return rtx3070(id, price, true, Optional.of(since), false);
  }

  static GroupInstance unreachable(long id, double price, Instant idleSince) {
    return rtx3070(id, price, false, Optional.of(idleSince), false);
  }

  static GroupInstance markedForReplacement(long id, double price) {
    return rtx3070(id, price, true, Optional.empty(), true);
  }

  /** A running one-GPU RTX 3070 at {@code price}, storage 0.01 $/h, no measured rate, not outbid. */
  private static GroupInstance rtx3070(
      long id, double price, boolean reachable, Optional<Instant> idleSince, boolean marked) {
    return new GroupInstance(
        id, "RTX 3070", 1, price, 0.01, InstanceState.RUNNING, reachable, idleSince, 0, marked, 0, false);
  }

  static Offer offer(long id, String gpu, double price, double reliability) {
    return new Offer(
        id,
        1000 + id,
        gpu,
        1,
        8192,
        price,
        price - 0.01,
        price / 2,
        reliability,
        "DE",
        50,
        500,
        true);
  }

  /** What one tick observed; starts empty, with nothing spent. */
  static final class Tick {
    final List<GroupInstance> instances = new ArrayList<>();
    double queuedGames;
    Spend group = Spend.none();
    Spend total = Spend.none();
    Optional<Instant> lastUp = Optional.empty();
    Optional<Instant> lastDown = Optional.empty();
    final List<Offer> offers = new ArrayList<>();
    final Set<Long> taken = new HashSet<>();
    final List<PendingReplacement> replacements = new ArrayList<>();
    final Set<Long> outgoing = new HashSet<>();

    /** Instances of the group being terminated (left out of {@link #instances}). */
    Tick outgoing(Long... ids) {
      outgoing.addAll(List.of(ids));
      return this;
    }

    Tick replacing(long oldId, long newId, Instant since, PendingReplacement.Status status) {
      replacements.add(new PendingReplacement(oldId, newId, since, status));
      return this;
    }

    Tick instances(GroupInstance... added) {
      instances.addAll(List.of(added));
      return this;
    }

    Tick busyInstances(int count, double price) {
      for (int i = 0; i < count; i++) {
        instances.add(busy(100 + i, price));
      }
      return this;
    }

    Tick queued(double games) {
      queuedGames = games;
      return this;
    }

    Tick offers(Offer... added) {
      offers.addAll(List.of(added));
      return this;
    }

    /** The same spend for the group and for all groups. */
    Tick spent(Spend spend) {
      group = spend;
      total = spend;
      return this;
    }

    GroupObservation observe() {
      return new GroupObservation(
          "selfplay",
          instances,
          queuedGames,
          new SpendSoFar(group, total),
          lastUp,
          lastDown,
          offers,
          taken,
          replacements,
          outgoing);
    }
  }
}
