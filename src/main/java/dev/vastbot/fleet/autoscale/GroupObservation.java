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
 * @param instances its instances, booting ones included (they count towards the size), and the ones
 *     rented on this tick that no list shows yet ({@link GroupInstance#renting})
 * @param queuedGames the demand signal's value: games queued or pending
 * @param lastScaleUp when this group last scaled up, if ever
 * @param lastScaleDown when this group last scaled down, if ever
 * @param offers the marketplace offers found for its GPU types, priced with its disk size
 * @param takenOfferIds offers someone else rented meanwhile; skipped
 * @param replacements the group's replacements under way: their old instances are on the way out
 *     and do not count towards the size; their new ones are on trial until they pass a health check
 * @param outgoing the group's instances being terminated, left out of {@code instances}: they count
 *     towards its ceiling ({@link GroupCeiling}) only
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
    List<PendingReplacement> replacements,
    Set<Long> outgoing) {

  /** With nothing on its way out besides what {@code replacements} say. */
  public GroupObservation(String group, List<GroupInstance> instances, double queuedGames, SpendSoFar spend,
      Optional<Instant> lastScaleUp, Optional<Instant> lastScaleDown, List<Offer> offers, Set<Long> takenOfferIds,
      List<PendingReplacement> replacements) {
    this(group, instances, queuedGames, spend, lastScaleUp, lastScaleDown, offers, takenOfferIds, replacements,
        Set.of());
  }

  public GroupObservation {
    requireNonNull(group, "group == null");
    instances = List.copyOf(instances);
    requireNonNull(spend, "spend == null");
    requireNonNull(lastScaleUp, "lastScaleUp == null");
    requireNonNull(lastScaleDown, "lastScaleDown == null");
    offers = List.copyOf(offers);
    takenOfferIds = Set.copyOf(takenOfferIds);
    replacements = List.copyOf(replacements);
    outgoing = Set.copyOf(outgoing);
  }

  /** The same tick with {@code tried} left out of the offers as well (rented, or taken meanwhile). */
  public GroupObservation withOffersTried(List<Offer> tried) {
    var excluded = new java.util.HashSet<>(takenOfferIds);
    tried.forEach(offer -> excluded.add(offer.id()));
    return new GroupObservation(group, instances, queuedGames, spend, lastScaleUp, lastScaleDown, offers, excluded,
        replacements, outgoing);
  }

  /**
   * The instances that make the group's size: all but the old ones of replacements under way or
   * held, and the new ones held after a failed trial.
   */
  public List<GroupInstance> serving() {
    var out = new java.util.HashSet<Long>();
    for (var replacement : replacements) {
      if (replacement.holdsOldOut()) {
        out.add(replacement.oldId());
      }
      if (replacement.status() == PendingReplacement.Status.NEW_HELD) {
        out.add(replacement.newId());
      }
    }
    return instances.stream().filter(instance -> !instance.isOneOf(out)).toList();
  }

  /**
   * The serving instances not on trial as a replacement, nor waiting for a failed replacement of
   * theirs to be let go: the ones a scale-down or another replacement may take.
   */
  List<GroupInstance> settled() {
    var unsettled = new java.util.HashSet<Long>();
    for (var replacement : replacements) {
      if (replacement.onTrial()) {
        unsettled.add(replacement.newId());
      }
      if (replacement.holdsBackOld()) {
        unsettled.add(replacement.oldId());
      }
    }
    return serving().stream().filter(instance -> !instance.isOneOf(unsettled)).toList();
  }
}
