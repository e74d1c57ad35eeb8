package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.Offer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the decider knows of one group on one tick.
 *
 * @param group the group's name in the policy
 * @param instances its instances, booting ones included (they count towards the size)
 * @param queuedGames the demand signal's value: games queued or pending
 * @param lastScaleUp when this group last scaled up, if ever
 * @param lastScaleDown when this group last scaled down, if ever
 * @param offers the marketplace offers found for its GPU types, priced with its disk size
 * @param takenOfferIds offers someone else rented meanwhile; skipped
 * @param replacements the group's replacements under way: their old instances are on the way out
 *     and do not count towards the size; their new ones are on trial until they pass a health check
 */
public record GroupObservation(
    String group,
    List<GroupInstance> instances,
    double queuedGames,
    SpendSoFar spend,
    Optional<Instant> lastScaleUp,
    Optional<Instant> lastScaleDown,
    List<Offer> offers,
    Set<Long> takenOfferIds,
    List<PendingReplacement> replacements) {

  public GroupObservation {
    requireNonNull(group, "group == null");
    instances = List.copyOf(instances);
    requireNonNull(spend, "spend == null");
    requireNonNull(lastScaleUp, "lastScaleUp == null");
    requireNonNull(lastScaleDown, "lastScaleDown == null");
    offers = List.copyOf(offers);
    takenOfferIds = Set.copyOf(takenOfferIds);
    replacements = List.copyOf(replacements);
  }

  /** The same tick with {@code tried} left out of the offers as well (rented, or taken meanwhile). */
  GroupObservation withOffersTried(List<Offer> tried) {
    var excluded = new java.util.HashSet<>(takenOfferIds);
    tried.forEach(offer -> excluded.add(offer.id()));
    return new GroupObservation(group, instances, queuedGames, spend, lastScaleUp, lastScaleDown, offers, excluded,
        replacements);
  }

  /** The instances that make the group's size: all but the old ones of active replacements. */
  List<GroupInstance> serving() {
    var leaving = replacements.stream().filter(PendingReplacement::active)
        .map(PendingReplacement::oldId).collect(java.util.stream.Collectors.toSet());
    return instances.stream().filter(instance -> !leaving.contains(instance.id())).toList();
  }

  /**
   * The serving instances not on trial as a replacement: the ones a scale-down or another
   * replacement may take.
   */
  List<GroupInstance> settled() {
    var onTrial = replacements.stream().filter(PendingReplacement::active)
        .map(PendingReplacement::newId).collect(java.util.stream.Collectors.toSet());
    return serving().stream().filter(instance -> !onTrial.contains(instance.id())).toList();
  }
}
