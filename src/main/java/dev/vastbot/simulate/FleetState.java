package dev.vastbot.simulate;

import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.autoscale.Throughput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One policy's simulated fleet and queue at one moment. Immutable; {@link MinuteStep} and the
 * actions make the next one.
 *
 * @param instances in the order they were rented (work is handed out oldest first)
 * @param queue games enqueued and not yet played
 */
record FleetState(
    Instant now,
    double queue,
    List<RentedInstance> instances,
    Optional<Instant> lastScaleUp,
    Optional<Instant> lastScaleDown,
    long nextInstanceId) {

  FleetState {
    instances = List.copyOf(instances);
  }

  static FleetState empty(Instant start) {
    return new FleetState(start, 0, List.of(), Optional.empty(), Optional.empty(), 1);
  }

  /** Instances not stopped: booting or running. */
  List<RentedInstance> active() {
    return instances.stream().filter(instance -> !instance.stopped()).toList();
  }

  List<RentedInstance> running() {
    return instances.stream().filter(instance -> instance.runningAt(now)).toList();
  }

  /** Games per hour of the running instances. */
  double capacity() {
    return running().stream().mapToDouble(RentedInstance::gamesPerHour).sum();
  }

  Set<Long> rentedOfferIds() {
    return instances.stream().map(RentedInstance::offerId).collect(Collectors.toSet());
  }

  /** Rents {@code offers} now; each produces games after {@code boot}. */
  FleetState rent(Collection<Offer> offers, Duration boot, Throughput throughput) {
    var next = new ArrayList<>(instances);
    var id = nextInstanceId;
    for (var offer : offers) {
      var storage = Math.max(0, offer.dphTotal() - offer.dphBase());
      next.add(
          new RentedInstance(
              id++,
              offer.id(),
              offer.gpuName(),
              offer.numGpus(),
              throughput.gamesPerHour(offer.gpuName(), offer.numGpus()),
              offer.dphBase(),
              storage,
              now,
              now.plus(boot),
              Optional.empty(),
              Optional.empty()));
    }
    var up = offers.isEmpty() ? lastScaleUp : Optional.of(now);
    return new FleetState(now, queue, next, up, lastScaleDown, id);
  }

  /** Instances stopped and kept (a warm pool, or the old rules' stops), oldest stop first. */
  List<RentedInstance> stopped() {
    return instances.stream().filter(RentedInstance::stopped).toList();
  }

  /**
   * Gives {@code ids} back to the market at once (billing ends now). Only giving back an active
   * instance is a scale-down; destroying a stopped one is not.
   */
  FleetState terminate(Collection<Long> ids) {
    var kept = instances.stream().filter(instance -> !ids.contains(instance.id())).toList();
    var activeGone =
        instances.stream().anyMatch(instance -> !instance.stopped() && ids.contains(instance.id()));
    var down = activeGone ? Optional.of(now) : lastScaleDown;
    return new FleetState(now, queue, kept, lastScaleUp, down, nextInstanceId);
  }

  /** Stops {@code ids}: they keep their machine and pay storage, as {@code vastai stop}. */
  FleetState stop(Collection<Long> ids) {
    var next =
        instances.stream()
            .map(instance -> ids.contains(instance.id()) ? instance.asStopped(now) : instance)
            .toList();
    var down = ids.isEmpty() ? lastScaleDown : Optional.of(now);
    return new FleetState(now, queue, next, lastScaleUp, down, nextInstanceId);
  }

  /** Restarts the stopped {@code ids}: each produces games after {@code delay}; a scale-up. */
  FleetState restart(Collection<Long> ids, Duration delay) {
    var next =
        instances.stream()
            .map(
                instance ->
                    ids.contains(instance.id()) && instance.stopped()
                        ? instance.restartedAt(now, delay)
                        : instance)
            .toList();
    var up = ids.isEmpty() ? lastScaleUp : Optional.of(now);
    return new FleetState(now, queue, next, up, lastScaleDown, nextInstanceId);
  }

  FleetState withQueue(double games) {
    return new FleetState(now, games, instances, lastScaleUp, lastScaleDown, nextInstanceId);
  }
}
