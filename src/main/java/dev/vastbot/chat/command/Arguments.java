package dev.vastbot.chat.command;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A command's parsed and validated arguments. */
public record Arguments(List<String> positionals, Map<String, String> options) {
  public Arguments {
    positionals = List.copyOf(positionals);
    options = Map.copyOf(options);
  }

  /** The positional argument at {@code index}, if given. */
  public Optional<String> positional(int index) {
    return index < positionals.size() ? Optional.of(positionals.get(index)) : Optional.empty();
  }

  public Optional<String> text(String option) {
    return Optional.ofNullable(options.get(option));
  }

  /** Whether a FLAG option was given. */
  public boolean flag(String option) {
    return options.containsKey(option);
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
