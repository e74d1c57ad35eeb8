package dev.vastbot.fleet;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rent one offer.
 *
 * @param label identifies the request; a retried create looks for an instance with this label
 *     before it creates another
 * @param bidPrice present for an interruptible rental, empty for on-demand
 */
public record CreateRequest(
    long offerId,
    String image,
    double diskGb,
    Map<String, String> env,
    String onstart,
    String label,
    Optional<Double> bidPrice) {

  public CreateRequest {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(label, "label");
    env = Map.copyOf(env);
    if (label.isBlank()) {
      throw new IllegalArgumentException("a create needs a label that identifies the request");
    }
  }
}
