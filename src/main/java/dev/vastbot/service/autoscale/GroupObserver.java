package dev.vastbot.service.autoscale;

import dev.vastbot.fleet.FleetSnapshot;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.OfferQuery;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.Replacement;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.DemandReading;
import dev.vastbot.fleet.autoscale.DemandTrigger;
import dev.vastbot.fleet.autoscale.GroupInstance;
import dev.vastbot.fleet.autoscale.GroupObservation;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.PendingReplacement;
import dev.vastbot.fleet.autoscale.Reaction;
import dev.vastbot.fleet.autoscale.ReplacementChoice;
import dev.vastbot.fleet.autoscale.ReplacementRows;
import dev.vastbot.fleet.health.HealthLevel;
import dev.vastbot.fleet.port.DemandReader;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.service.termination.Terminator;
import dev.vastbot.service.work.Keepalive;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Observes the autoscaler's groups: each one's instances (from the shared fleet snapshot, with
 * health and idleness from the store), demand, spend so far, cooldown marks, offers and
 * replacements under way. Reads only, besides recording the group of an instance at first sight
 * and keeping demand readings. Called with the autoscaler's decisions serialised.
 *
 * <p>An instance belongs to the group recorded for it in the store: the group that rented it, or,
 * for an instance it did not rent, the first group whose GPU types take it, recorded at first
 * sight. Instances with a termination under way are left out of their group's size (they are
 * leaving), so they are neither replaced nor scaled down twice.
 */
final class GroupObserver {
  private static final int OFFERS_PER_GROUP = 40;
  /** How long a measured games-per-hour stays the instance's throughput. */
  static final Duration GAMES_RATE_AGE = Duration.ofHours(2);
  /** A measured rate above this many times the table's is not believed (a host can print anything). */
  static final double PLAUSIBLE_RATE_FACTOR = 4;

  private final AutoscalerPolicy policy;
  private final FleetSight sight;
  private final GpuProvider provider;
  private final FleetStore store;
  private final Clock clock;

  GroupObserver(AutoscalerPolicy policy, FleetSight sight, GpuProvider provider, FleetStore store, Clock clock) {
    this.policy = policy;
    this.sight = sight;
    this.provider = provider;
    this.store = store;
    this.clock = clock;
  }

  /** What every group's observation of one moment shares, read once. */
  private record FleetRead(FleetSnapshot snapshot, Map<String, List<Instance>> members, Set<String> leaving,
      Set<String> marked, Set<Long> pooled, SpendSoFarReader spend, Map<Long, Instance> byId,
      List<Replacement> underWay) {}

  /**
   * Observes {@code groups} only; without {@code withOffers} no offer is searched (a poll: the
   * fleet snapshot, the store and the demand signal only); with {@code keepReadings} the demand
   * read is kept for {@link DemandTrigger} (not by views and dry runs, whose reading would make
   * the next poll miss a crossing of the threshold). A failure to get the snapshot fails the whole
   * observation; after that, one group's failure is that group's alone.
   */
  Map<String, Autoscaler.Observed> observe(List<GroupPolicy> groups, boolean withOffers, boolean keepReadings)
      throws InterruptedException {
    FleetSnapshot snapshot = sight.fleet().current();
    List<Instance> instances = snapshot.instances();
    var read = new FleetRead(snapshot, membersByGroup(instances), openTargets(Terminator.KIND),
        openTargets(Keepalive.REPLACE), pooledIds(Optional.empty()),
        SpendSoFarReader.read(store, clock.instant().atZone(policy.zone())), byId(instances), store.replacements());
    var observed = new LinkedHashMap<String, Autoscaler.Observed>();
    for (GroupPolicy group : groups) {
      observed.put(group.name(), observeOne(group, read, withOffers, keepReadings));
    }
    return observed;
  }

  /** One group's observation; a failure is the group's alone, with what was said before it. */
  private Autoscaler.Observed observeOne(GroupPolicy group, FleetRead read, boolean withOffers,
      boolean keepReadings) throws InterruptedException {
    var lines = new ArrayList<String>();
    try {
      List<Instance> all = read.members().getOrDefault(group.name(), List.of());
      List<GroupInstance> own = all.stream()
          .filter(instance -> !read.leaving().contains(instance.nodeName()) && !read.pooled().contains(instance.id()))
          .map(instance -> asGroupInstance(group, instance, read.marked().contains(instance.nodeName()))).toList();
      // a pool member being retired is stopped: it holds no room, as the reservation counts it
      Set<Long> outgoing = all.stream()
          .filter(instance -> read.leaving().contains(instance.nodeName()) && !read.pooled().contains(instance.id()))
          .map(Instance::id).collect(Collectors.toSet());
      List<PendingReplacement> replacements = pendingReplacements(group, read, own);
      lines.addAll(ReplacementChoice.heldNotes(replacements));
      Noted<OptionalDouble> queued = readDemand(group, keepReadings);
      lines.addAll(queued.lines());
      Noted<List<Offer>> offers = withOffers ? searchOffers(group) : Noted.quiet(List.of());
      lines.addAll(offers.lines());
      var observation = new GroupObservation(group.name(), own, queued.value().orElse(0),
          read.spend().of(Optional.of(group.name()), read.snapshot().instances()),
          store.lastScale(group.name(), "up"), store.lastScale(group.name(), "down"), offers.value(), Set.of(),
          replacements, outgoing);
      return new Autoscaler.Observed(group.name(), Optional.of(observation), queued.value().isPresent(), lines);
    } catch (RuntimeException e) {
      lines.add("not observed: " + Autoscaler.describe(e));
      return new Autoscaler.Observed(group.name(), Optional.empty(), false, lines);
    }
  }

  /** One group, by name (empty: the first group). */
  Autoscaler.Observed observeGroup(Optional<String> groupName) throws InterruptedException {
    String name = groupName.orElseGet(() -> policy.groups().isEmpty() ? "" : policy.groups().get(0).name());
    GroupPolicy group = policy.group(name).orElseThrow(() -> new IllegalArgumentException(
        policy.groups().isEmpty() ? "the autoscaler has no groups configured"
            : "no autoscaler group " + name + " (groups: "
                + policy.groups().stream().map(GroupPolicy::name).collect(Collectors.joining(", ")) + ")"));
    return observe(List.of(group), true, true).get(name);
  }

  /** The instances as the shared fleet snapshot lists them now. */
  List<Instance> listed() throws InterruptedException {
    return sight.fleet().current().instances();
  }

  static Map<Long, Instance> byId(List<Instance> instances) {
    return instances.stream().collect(Collectors.toMap(Instance::id, i -> i, (a, b) -> a));
  }

  /**
   * The group's replacements under way, each with where it stands ({@link ReplacementRows}): on
   * trial (passed, waiting, lost), or letting an instance go (held when that let-go ended without
   * destroying it). Reads only.
   */
  private List<PendingReplacement> pendingReplacements(GroupPolicy group, FleetRead read, List<GroupInstance> own) {
    Set<Long> members = own.stream().map(GroupInstance::id).collect(Collectors.toSet());
    return new ReplacementRows(read.byId(), read.leaving(), read.snapshot().takenAt(), this::passedSince)
        .pending(group.name(), read.underWay(), members);
  }

  /** Whether the store holds a check of the instance since {@code since} that passes. */
  boolean passedSince(long id, Instant since) {
    return store.healthStreak(id)
        .filter(streak -> !streak.lastChecked().isBefore(since))
        .flatMap(streak -> HealthLevel.ofDisplay(streak.lastLevel()))
        .filter(dev.vastbot.fleet.port.HealthCheck::passes)
        .isPresent();
  }

  /** The warm pool members of {@code group} (of every group when empty), by instance id. */
  Set<Long> pooledIds(Optional<String> group) {
    return store.poolMembers().stream().filter(m -> group.isEmpty() || m.group().equals(group.get()))
        .map(dev.vastbot.fleet.autoscale.PoolMember::instanceId).collect(Collectors.toSet());
  }

  /** The targets ({@code vast-<id>}) of the operations of {@code kind} not finished yet. */
  Set<String> openTargets(String kind) {
    return store.openOperations(kind).stream().map(Operation::target).collect(Collectors.toSet());
  }

  /**
   * The group's instances on their way out, which take no slot of its rents: the old ones of its
   * active replacements, and the ones being terminated (left out of the observation already).
   */
  Set<Long> leaving(Autoscaler.Observed observed) {
    return leaving(observed.group(), observed.observation().orElseThrow());
  }

  Set<Long> leaving(String group, GroupObservation observation) {
    Set<String> terminating = openTargets(Terminator.KIND);
    var out = new java.util.HashSet<Long>();
    store.autoscaleGroups().forEach((id, name) -> {
      if (name.equals(group) && terminating.contains("vast-" + id)) {
        out.add(id);
      }
    });
    Set<Long> serving = observation.serving().stream().filter(GroupInstance::listed).map(GroupInstance::id)
        .collect(Collectors.toSet());
    observation.instances().stream().filter(GroupInstance::listed).map(GroupInstance::id)
        .filter(id -> !serving.contains(id)).forEach(out::add);
    out.addAll(pooledIds(Optional.of(group))); // stopped in its warm pool: no slot, their storage still counts
    return out;
  }

  /** What a replacement of {@code olds} counts as leaving: they, and the group's other leaving ones. */
  Set<Long> replacing(Autoscaler.Observed observed, List<Long> olds) {
    var out = new java.util.HashSet<>(leaving(observed));
    out.addAll(olds);
    return out;
  }

  private Map<String, List<Instance>> membersByGroup(List<Instance> instances) {
    Map<Long, String> known = store.autoscaleGroups();
    Map<String, List<Instance>> members = new java.util.HashMap<>();
    for (Instance instance : instances) {
      String group = known.get(instance.id());
      if (group == null) {
        Optional<GroupPolicy> taker = policy.groups().stream()
            .filter(candidate -> candidate.offers().accepts(instance.gpuName())).findFirst();
        if (taker.isEmpty()) {
          continue; // no group takes its GPU type: not the autoscaler's
        }
        group = store.assignAutoscaleGroup(instance.id(), taker.get().name(), clock.instant());
      }
      members.computeIfAbsent(group, name -> new ArrayList<>()).add(instance);
    }
    return members;
  }

  /**
   * What the instance's probe counted in the last hour, when recent, above zero and plausible; else
   * 0, for the group's table. A rate measured while the queue ran dry is low, but no scale-up is
   * made on an empty queue, and on a full one the instances are busy.
   */
  private double measuredGamesPerHour(GroupPolicy group, Instance instance) {
    double table = group.throughput().gamesPerHour(instance.gpuName(), instance.numGpus());
    return store.gamesLastHour(instance.id(), clock.instant().minus(GAMES_RATE_AGE))
        .filter(games -> games > 0 && games <= table * PLAUSIBLE_RATE_FACTOR)
        .map(Integer::doubleValue).orElse(0.0);
  }

  private GroupInstance asGroupInstance(GroupPolicy group, Instance instance, boolean marked) {
    var streak = store.healthStreak(instance.id());
    String level = streak.map(s -> s.lastLevel()).orElse("");
    boolean reachable = streak.isPresent() && !level.equals(HealthLevel.UNREACHABLE.display());
    int failures = streak.filter(s -> s.lastLevel().equals(HealthLevel.UNHEALTHY.display())
        || s.lastLevel().equals(HealthLevel.UNREACHABLE.display())).map(s -> s.consecutiveFailures()).orElse(0);
    return new GroupInstance(instance.id(), instance.gpuName(), instance.numGpus(), instance.dphTotal(),
        instance.storageDph(), instance.state(), reachable,
        reachable ? store.gpuIdleSince(instance.id()) : Optional.empty(),
        reachable ? measuredGamesPerHour(group, instance) : 0, marked, failures,
        instance.bid() && instance.outbid());
  }

  /** The group's queued games; empty, and a line why, when the signal could not be read. */
  private Noted<OptionalDouble> readDemand(GroupPolicy group, boolean keep) throws InterruptedException {
    try {
      double queued = sight.demand().queuedGames(group);
      if (!(queued >= 0) || Double.isInfinite(queued)) {
        throw new DemandReader.Unavailable("the signal gave " + queued + ", not a count of games");
      }
      return new Noted<>(OptionalDouble.of(queued), keep ? keepReading(group, queued) : List.of());
    } catch (DemandReader.Unavailable e) {
      return new Noted<>(OptionalDouble.empty(),
          List.of("demand unavailable (" + e.getMessage() + "): treated as 0; nothing is scaled down"));
    }
  }

  /** Keeps the reading for the trigger and the trend; a store failure is a line, not a stop. */
  private List<String> keepReading(GroupPolicy group, double queued) {
    Instant now = clock.instant();
    try {
      store.recordDemand(group.name(), new DemandReading(now, queued), now.minus(Reaction.KEEP_READINGS));
      return List.of();
    } catch (RuntimeException e) {
      return List.of("demand reading not kept (" + Autoscaler.describe(e) + "): its growth is not seen");
    }
  }

  /**
   * The group's offers, cheapest first, one search per GPU type: without the window's price ceiling,
   * which the ranking applies and counts (the cheapest come first, so none under the ceiling is
   * lost), and under the reliability floor; a type with none under the floor is searched once more
   * without it, so that the ranking can say how many the floor dropped.
   */
  private Noted<List<Offer>> searchOffers(GroupPolicy group) {
    var offers = new ArrayList<Offer>();
    var problems = new ArrayList<String>();
    List<Optional<String>> types = group.offers().gpuTypes().isEmpty() ? List.of(Optional.empty())
        : group.offers().gpuTypes().stream().map(Optional::of).toList();
    for (Optional<String> type : types) {
      try {
        List<Offer> found = provider.searchOffers(offerQuery(group, type, group.offers().minReliability()));
        offers.addAll(found.isEmpty() && group.offers().minReliability() > 0
            ? provider.searchOffers(offerQuery(group, type, 0)) : found);
      } catch (ProviderException e) {
        problems.add("offers of " + type.orElse("any GPU") + " not read: " + e.getMessage());
      }
    }
    return new Noted<>(List.copyOf(offers), problems);
  }

  private static OfferQuery offerQuery(GroupPolicy group, Optional<String> type, double minReliability) {
    return new OfferQuery(type, Optional.empty(), minReliability, Optional.empty(), group.offers().rentalType(),
        group.offers().diskGb(), OFFERS_PER_GROUP);
  }
}
