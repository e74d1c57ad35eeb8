package dev.vastbot.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Converts one YAML scalar or environment variable to its type, or throws a {@link ConfigException}
 * saying what was expected and, when values may be shown, what was found.
 */
final class ScalarParser {
  private final boolean revealValues;

  /**
   * @param revealValues whether messages may quote the values found
   */
  ScalarParser(boolean revealValues) {
    this.revealValues = revealValues;
  }

  /** A whole number that fits an {@code int}; 2.0 and "2" are refused. */
  int integer(JsonNode value, String location) {
    if (!value.isIntegralNumber()) {
      throw new ConfigException(location + ": expected a whole number, got " + describe(value));
    }
    if (!value.canConvertToInt()) {
      var got = revealValues ? ", got " + value.asText() : "";
      throw new ConfigException(location + ": must be a smaller whole number" + got);
    }
    return value.intValue();
  }

  /** A whole number that fits a {@code long}; 2.0 and "2" are refused. */
  long wholeNumber(JsonNode value, String location) {
    if (!value.isIntegralNumber()) {
      throw new ConfigException(location + ": expected a whole number, got " + describe(value));
    }
    if (!value.canConvertToLong()) {
      var got = revealValues ? ", got " + value.asText() : "";
      throw new ConfigException(location + ": must be a smaller whole number" + got);
    }
    return value.longValue();
  }

  /** Any finite number. */
  double decimal(JsonNode value, String location) {
    if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
      throw new ConfigException(location + ": expected a number, got " + describe(value));
    }
    return value.doubleValue();
  }

  /** true or false; "yes", 1 and "true" in quotes are refused. */
  boolean bool(JsonNode value, String location) {
    if (!value.isBoolean()) {
      throw new ConfigException(location + ": expected true or false, got " + describe(value));
    }
    return value.booleanValue();
  }

  /** Text only: numbers and true/false are refused, so quoting mistakes show up. */
  String text(JsonNode value, String location) {
    if (!value.isTextual()) {
      throw new ConfigException(location + ": expected text, got " + describe(value));
    }
    return value.textValue();
  }

  static int integerFromEnv(String envVar, String raw) {
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException notAnInteger) {
      throw new ConfigException(envVar + ": not a whole number: '" + raw + "'");
    }
  }

  /** A plain decimal such as {@code 0.5}; NaN, infinities and hex are refused. */
  static double decimalFromEnv(String envVar, String raw) {
    try {
      var value = new BigDecimal(raw).doubleValue();
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw new ConfigException(envVar + ": not a number: '" + raw + "'");
  }

  /** What a message says was found: the value itself when allowed, else only its kind. */
  String describe(JsonNode value) {
    if (!revealValues || value.isContainerNode() || value.isNull()) {
      return YamlKind.of(value);
    }
    return value.isTextual() ? "text '" + value.textValue() + "'" : value.asText();
  }
}
