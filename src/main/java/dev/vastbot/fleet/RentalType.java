package dev.vastbot.fleet;

/** How an instance is rented. */
public enum RentalType {
  ON_DEMAND,
  /** Interruptible: a bid that a higher bid can stop. */
  BID
}
