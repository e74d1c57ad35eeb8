package dev.vastbot.sim;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How an offer search prices its results: the disk size from {@code allocated_storage} and the
 * rental type from {@code type} ({@code on-demand}, {@code ondemand}, {@code bid}, {@code
 * reserved}; for {@code bid} the GPU price shown is the machine's minimum bid).
 */
record OfferPricing(double allocatedStorageGb, boolean bid) {
  /** The CLI's default disk size for searches. */
  static final double DEFAULT_ALLOCATED_STORAGE = 5.0;

  static OfferPricing fromQuery(JsonNode query) {
    double storage = DEFAULT_ALLOCATED_STORAGE;
    JsonNode allocated = query.get("allocated_storage");
    if (allocated != null && !allocated.isNull()) {
      storage = asNumber(allocated, "allocated_storage");
    }
    if (storage < 0) {
      throw SimApiException.invalidArgs("allocated_storage must not be negative");
    }
    JsonNode type = query.get("type");
    String rentalType = type == null || type.isNull() ? "on-demand" : type.asText();
    return switch (rentalType) {
      case "on-demand", "ondemand", "reserved" -> new OfferPricing(storage, false);
      case "bid", "interruptible" -> new OfferPricing(storage, true);
      default -> throw SimApiException.invalidArgs("unknown offer type: " + rentalType);
    };
  }

  double dphBase(SimOffer offer) {
    return bid ? offer.minBid() : offer.dphBase();
  }

  double storageTotalCost(SimOffer offer) {
    return offer.storageTotalCost(allocatedStorageGb);
  }

  double dphTotal(SimOffer offer) {
    return dphBase(offer) + storageTotalCost(offer);
  }

  private static double asNumber(JsonNode node, String field) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    try {
      return Double.parseDouble(node.asText().trim());
    } catch (NumberFormatException e) {
      throw SimApiException.invalidArgs(field + " must be a number");
    }
  }
}
