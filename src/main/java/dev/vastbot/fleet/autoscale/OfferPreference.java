package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.RentalType;
import java.util.List;

/**
 * Which marketplace offers a group takes.
 *
 * @param gpuTypes accepted GPU models, most preferred first; empty for any
 * @param maxPrice the most one instance may cost per hour, GPU and storage ({@code VAST_MAX_PRICE})
 * @param minReliability lowest host reliability taken, 0..1
 * @param rentalType on-demand or interruptible (bid)
 * @param bidCeiling the highest bid per hour for an interruptible instance
 * @param onOutbid what happens to an interruptible instance that was outbid
 * @param diskGb the disk size offers are priced with (storage is billed while the instance exists)
 */
public record OfferPreference(
    List<String> gpuTypes,
    double maxPrice,
    double minReliability,
    RentalType rentalType,
    double bidCeiling,
    OutbidAction onOutbid,
    double diskGb) {

  /** What to do with an outbid interruptible instance. */
  public enum OutbidAction {
    /** Leave it to the keepalive, which raises the bid up to {@code bidCeiling}. */
    REBID,
    /** Provision another instance, then terminate the outbid one. */
    REPLACE
  }

  public OfferPreference {
    gpuTypes = List.copyOf(gpuTypes);
    requireNonNull(rentalType, "rentalType == null");
    requireNonNull(onOutbid, "onOutbid == null");
    if (minReliability < 0 || minReliability > 1) {
      throw new IllegalArgumentException("minReliability not within 0..1: " + minReliability);
    }
  }

  /** Position in the preference list; types not listed (when the list is empty) come last. */
  int preferenceOf(String gpuName) {
    var index = gpuTypes.indexOf(gpuName);
    return index < 0 ? gpuTypes.size() : index;
  }

  /** Whether offers of {@code gpuName} are taken at all. */
  public boolean accepts(String gpuName) {
    return gpuTypes.isEmpty() || gpuTypes.contains(gpuName);
  }
}
