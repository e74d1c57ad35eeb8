package dev.vastbot.fleet.command;

import java.util.Map;
import java.util.Optional;

/** A command's parsed and validated arguments. */
public record Arguments(Optional<String> positional, Map<String, String> options) {
  public Arguments {
    options = Map.copyOf(options);
  }

  public Optional<String> text(String option) {
    return Optional.ofNullable(options.get(option));
  }

  /** A COUNT option; the parser has already checked that it is a whole number in range. */
  public Optional<Integer> count(String option) {
    return text(option).map(Integer::parseInt);
  }

  /** A DECIMAL option; the parser has already checked it. */
  public Optional<Double> decimal(String option) {
    return text(option).map(Double::parseDouble);
  }
}
