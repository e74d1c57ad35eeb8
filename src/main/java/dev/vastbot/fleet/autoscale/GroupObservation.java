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
 */
public record GroupObservation(
    String group,
    List<GroupInstance> instances,
    double queuedGames,
    SpendSoFar spend,
    Optional<Instant> lastScaleUp,
    Optional<Instant> lastScaleDown,
    List<Offer> offers,
    Set<Long> takenOfferIds) {

  public GroupObservation {
    requireNonNull(group, "group == null");
    instances = List.copyOf(instances);
    requireNonNull(spend, "spend == null");
    requireNonNull(lastScaleUp, "lastScaleUp == null");
    requireNonNull(lastScaleDown, "lastScaleDown == null");
    offers = List.copyOf(offers);
    takenOfferIds = Set.copyOf(takenOfferIds);
  }
}
