package dev.vastbot.service.provision;

import dev.vastbot.fleet.CreateRequest;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.fleet.reservation.CreatedInstance;
import dev.vastbot.fleet.reservation.Reservation;
import dev.vastbot.fleet.reservation.SlotLabel;
import dev.vastbot.service.reservation.Reserver;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
/**
 * The creates of one rent, under its reservation: each instance created turns one slot into a
 * tracked instance at once (its create labelled {@code vastbot:op<op>-<slot>}, so a retried create
 * finds the same instance and takes no second slot); an offer taken meanwhile is skipped for the
 * next; a lapsed reservation stops the creates; and whatever is left of the reservation is released
 * when they end, however they end (a create that failed gives its slot back).
 */
final class ReservedCreates {
  private final GpuProvider provider;
  private final Reserver reserver;
  private final ProvisionPolicy policy;

  /** What the creates did. */
  record Created(List<Long> ids, List<String> notes, List<Long> takenOffers) {
    Created {
      ids = List.copyOf(ids);
      notes = List.copyOf(notes);
      takenOffers = List.copyOf(takenOffers);
    }
  }

  ReservedCreates(GpuProvider provider, Reserver reserver, ProvisionPolicy policy) {
    this.provider = provider;
    this.reserver = reserver;
    this.policy = policy;
  }

  /**
   * Creates {@code count} of {@code offers} (best first) under {@code reservation}, then releases
   * it. A create the provider refuses ends the creates (reported in the notes); any other provider
   * failure is rethrown, after the release.
   */
  Created create(long operation, int count, List<Offer> offers, Function<Offer, Optional<Double>> bidFor,
      Reservation reservation) {
    try {
      return createAll(operation, count, offers, bidFor, reservation);
    } finally {
      reserver.release(reservation);
    }
  }

  /** The creates, one offer after the other, until {@code count} run, the offers end, or one stops them. */
  private Created createAll(long operation, int count, List<Offer> offers, Function<Offer, Optional<Double>> bidFor,
      Reservation reservation) {
    var created = new ArrayList<Long>();
    var notes = new ArrayList<String>();
    var taken = new ArrayList<Long>();
    Iterator<Offer> candidates = offers.iterator();
    while (created.size() < count && candidates.hasNext()) {
      Offer offer = candidates.next();
      String label = SlotLabel.of(operation, created.size() + 1);
      Attempt attempt = attempt(offer, label, bidFor);
      attempt.note().ifPresent(notes::add);
      if (attempt.id().isEmpty()) {
        if (!attempt.taken()) {
          return new Created(created, notes, taken); // refused: no more creates
        }
        taken.add(offer.id());
        continue;
      }
      created.add(attempt.id().getAsLong());
      Optional<String> lapsed = recordCreated(reservation, attempt.id().getAsLong(), label, offer, created.size());
      if (lapsed.isPresent() && created.size() < count) {
        notes.add(lapsed.get());
        return new Created(created, notes, taken);
      }
    }
    if (created.size() < count) {
      notes.add("only " + created.size() + " of " + count + " matching offers could be rented");
    }
    return new Created(created, notes, taken);
  }

  /**
   * One create: the new instance's id; or, when the provider refused it, no id and why (the offer
   * taken meanwhile: {@code taken}, the next offer may be tried; else the creates stop).
   */
  private record Attempt(OptionalLong id, Optional<String> note, boolean taken) {}

  private Attempt attempt(Offer offer, String label, Function<Offer, Optional<Double>> bidFor) {
    try {
      return new Attempt(OptionalLong.of(provider.createInstance(new CreateRequest(offer.id(), policy.image(),
          policy.diskGb(), policy.env(), policy.onstart(), label, bidFor.apply(offer)))), Optional.empty(), false);
    } catch (ProviderException e) {
      if (e.reason() != ProviderException.Reason.OFFER_UNAVAILABLE) {
        return new Attempt(OptionalLong.empty(), Optional.of(e.getMessage()), false);
      }
      return new Attempt(OptionalLong.empty(), Optional.of("offer " + offer.id() + " was taken; trying the next one"),
          true);
    }
  }

  /** Turns a slot into the tracked instance; why no more are created when the reservation lapsed. */
  private Optional<String> recordCreated(Reservation reservation, long id, String label, Offer offer, int createdSoFar) {
    if (reserver.recordCreated(reservation, new CreatedInstance(id, label, offer.gpuName(), offer.numGpus(),
        offer.dphTotal()))) {
      return Optional.empty();
    }
    return Optional.of("the reservation of " + reservation.holder() + " lapsed after " + createdSoFar
        + " instance(s); no more are created");
  }
}
