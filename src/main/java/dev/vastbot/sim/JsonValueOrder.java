package dev.vastbot.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Compares JSON values the way Vast's query engine does: numeric strings such as {@code "1"}
 * compare as numbers (the CLI sends them), {@code "true"} matches a boolean, dotted versions such
 * as {@code "570.124.04"} compare as the CLI's integer form {@code 570124004}. Stateless.
 */
final class JsonValueOrder {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

  /** Nulls last, then numbers, booleans and text in their natural order. */
  static final Comparator<JsonNode> NULLS_LAST = JsonValueOrder::compareForSort;

  private JsonValueOrder() {}

  static boolean equal(JsonNode actual, JsonNode expected) {
    if (isNull(expected) || isNull(actual)) {
      return isNull(expected) && isNull(actual);
    }
    if (actual.isBoolean() || expected.isBoolean()) {
      Optional<Boolean> left = asBoolean(actual);
      Optional<Boolean> right = asBoolean(expected);
      return left.isPresent() && left.equals(right);
    }
    Optional<Double> left = asNumber(actual);
    Optional<Double> right = asNumber(expected);
    if (left.isPresent() && right.isPresent()) {
      return Double.compare(left.get(), right.get()) == 0;
    }
    return actual.asText().equals(expected.asText());
  }

  /** Orders two values if they are comparable (both numeric or both text), else empty. */
  static OptionalInt compare(JsonNode actual, JsonNode expected) {
    if (isNull(actual) || isNull(expected) || actual.isBoolean() || expected.isBoolean()) {
      return OptionalInt.empty();
    }
    Optional<Double> left = asNumber(actual);
    Optional<Double> right = asNumber(expected);
    if (left.isPresent() && right.isPresent()) {
      return OptionalInt.of(Double.compare(left.get(), right.get()));
    }
    if (left.isEmpty() && right.isEmpty()) {
      return OptionalInt.of(actual.asText().compareTo(expected.asText()));
    }
    return OptionalInt.empty();
  }

  static boolean isNull(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  private static int compareForSort(JsonNode left, JsonNode right) {
    if (isNull(left) || isNull(right)) {
      return Boolean.compare(isNull(left), isNull(right));
    }
    if (left.isBoolean() && right.isBoolean()) {
      return Boolean.compare(left.booleanValue(), right.booleanValue());
    }
    return compare(left, right).orElseGet(() -> left.asText().compareTo(right.asText()));
  }

  private static Optional<Double> asNumber(JsonNode node) {
    if (node.isNumber()) {
      return Optional.of(node.doubleValue());
    }
    if (!node.isTextual()) {
      return Optional.empty();
    }
    String text = node.asText().trim();
    if (NUMBER.matcher(text).matches()) {
      return Optional.of(Double.parseDouble(text));
    }
    var version = VERSION.matcher(text);
    if (version.matches()) {
      return Optional.of(
          Long.parseLong(version.group(1)) * 1_000_000.0
              + Long.parseLong(version.group(2)) * 1_000.0
              + Long.parseLong(version.group(3)));
    }
    return Optional.empty();
  }

  private static Optional<Boolean> asBoolean(JsonNode node) {
    if (node.isBoolean()) {
      return Optional.of(node.booleanValue());
    }
    if (node.isNumber()) {
      return Optional.of(node.doubleValue() != 0);
    }
    String text = node.asText().trim();
    if (text.equalsIgnoreCase("true") || text.equals("1")) {
      return Optional.of(true);
    }
    if (text.equalsIgnoreCase("false") || text.equals("0")) {
      return Optional.of(false);
    }
    return Optional.empty();
  }
}
