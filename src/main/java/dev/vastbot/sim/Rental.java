package dev.vastbot.sim;

import java.time.Instant;

/**
 * What never changes about a rented instance: its id, the offer it was rented from, the create
 * order and when it began.
 */
record Rental(
    long id, SimOffer offer, CreateOrder order, Instant createdAt, String instanceApiKey) {

  /** GPU price in $/h: the bid for interruptible instances, else the offer's on-demand price. */
  double dphBase() {
    return order.isBid() ? order.price() : offer.dphBase();
  }

  /** Storage $/h for the ordered disk. */
  double storageTotalCost() {
    return offer.storageTotalCost(order.diskGb());
  }

  double dphTotal() {
    return dphBase() + storageTotalCost();
  }

  /** The rental with another bid, from now on. */
  Rental withBid(double price) {
    return new Rental(id, offer, order.withPrice(price), createdAt, instanceApiKey);
  }
}
