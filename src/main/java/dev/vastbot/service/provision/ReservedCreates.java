package dev.vastbot.service.provision;

import dev.vastbot.fleet.reservation.CreatedInstance;
import dev.vastbot.fleet.reservation.Reservation;
import dev.vastbot.service.reservation.Reserver;
import dev.vastbot.fleet.reservation.SlotLabel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.vastbot.fleet.CreateRequest;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.fleet.port.GpuProvider;
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
    var created = new ArrayList<Long>();
    var notes = new ArrayList<String>();
    var taken = new ArrayList<Long>();
    try {
      boolean stopped = createAll(operation, count, offers, bidFor, reservation, created, notes, taken);
      if (created.size() < count && !stopped) {
        notes.add("only " + created.size() + " of " + count + " matching offers could be rented");
      }
    } finally {
      reserver.release(reservation);
    }
    return new Created(created, notes, taken);
  }

  /** Returns whether the creates stopped early (a refused create, a lapsed reservation). */
  private boolean createAll(long operation, int count, List<Offer> offers, Function<Offer, Optional<Double>> bidFor,
      Reservation reservation, List<Long> created, List<String> notes, List<Long> taken) {
    Iterator<Offer> candidates = offers.iterator();
    for (int slot = 1; slot <= count && candidates.hasNext(); ) {
      Offer offer = candidates.next();
      String label = SlotLabel.of(operation, slot);
      long id;
      try {
        id = provider.createInstance(new CreateRequest(offer.id(), policy.image(), policy.diskGb(), policy.env(),
            policy.onstart(), label, bidFor.apply(offer)));
      } catch (ProviderException e) {
        if (e.reason() != ProviderException.Reason.OFFER_UNAVAILABLE) {
          notes.add(e.getMessage());
          return true;
        }
        notes.add("offer " + offer.id() + " was taken; trying the next one");
        taken.add(offer.id());
        continue;
      }
      created.add(id);
      slot++;
      if (!reserver.recordCreated(reservation, new CreatedInstance(id, label, offer.gpuName(), offer.numGpus(),
          offer.dphTotal())) && slot <= count) {
        notes.add("the reservation of " + reservation.holder() + " lapsed after " + created.size()
            + " instance(s); no more are created");
        return true;
      }
    }
    return false;
  }
}
