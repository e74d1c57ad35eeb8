package dev.vastbot.fleet.reservation;

import static java.util.Objects.requireNonNull;

/**
 * An instance a rent has just created, as the rent knows it (the provider has not listed it yet):
 * what the store tracks until a list shows it.
 *
 * @param label the label it was created with ({@link SlotLabel})
 * @param ratePerHour what it will cost per hour once it runs: its offer's total price, USD
 */
public record CreatedInstance(long id, String label, String gpuName, int numGpus, double ratePerHour) {
  public CreatedInstance {
    requireNonNull(label, "label == null");
    requireNonNull(gpuName, "gpuName == null");
    if (!(ratePerHour >= 0) || Double.isInfinite(ratePerHour)) {
      throw new IllegalArgumentException("ratePerHour must be a finite amount >= 0: " + ratePerHour);
    }
  }
}
