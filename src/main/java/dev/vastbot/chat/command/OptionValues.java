package dev.vastbot.chat.command;

import java.util.Optional;

/** Checks an option's value against its kind and range. */
final class OptionValues {
  private OptionValues() {}

  static Optional<ParseError> check(OptionSpec option, String value) {
    String flag = "--" + option.name();
    switch (option.kind()) {
      case FLAG:
        return Optional.empty();
      case TEXT:
        return value.isBlank()
            ? Optional.of(ParseError.of(flag + " must not be empty.", null))
            : Optional.empty();
      case COUNT:
        try {
          long number = Long.parseLong(value);
          return number < option.min() || number > option.max()
              ? Optional.of(rangeError(flag, "a whole number", option, value))
              : Optional.empty();
        } catch (NumberFormatException e) {
          return Optional.of(rangeError(flag, "a whole number", option, value));
        }
      case DECIMAL:
        try {
          double number = Double.parseDouble(value);
          return Double.isNaN(number) || number < option.min() || number > option.max()
              ? Optional.of(rangeError(flag, "a number", option, value))
              : Optional.empty();
        } catch (NumberFormatException e) {
          return Optional.of(rangeError(flag, "a number", option, value));
        }
      default:
        throw new IllegalStateException("unhandled option kind " + option.kind());
    }
  }

  private static ParseError rangeError(String flag, String what, OptionSpec option, String value) {
    String range = option.kind() == OptionSpec.Kind.COUNT
        ? (long) option.min() + " to " + (long) option.max()
        : option.min() + " to " + option.max();
    return ParseError.of(flag + " must be " + what + " from " + range + ", got '" + value + "'.", null);
  }
}
