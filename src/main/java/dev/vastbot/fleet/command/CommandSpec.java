package dev.vastbot.fleet.command;

import java.util.List;
import java.util.Optional;

/**
 * What a command accepts: its name, an optional positional argument, and its options.
 *
 * @param positional the name of one positional argument ("ID"), or empty when it takes none
 * @param positionalRequired whether that argument must be given
 */
public record CommandSpec(
    String name,
    String summary,
    Optional<String> positional,
    boolean positionalRequired,
    List<OptionSpec> options) {

  public CommandSpec {
    options = List.copyOf(options);
  }

  public static CommandSpec of(String name, String summary, OptionSpec... options) {
    return new CommandSpec(name, summary, Optional.empty(), false, List.of(options));
  }

  public Optional<OptionSpec> option(String optionName) {
    return options.stream().filter(o -> o.name().equals(optionName)).findFirst();
  }

  /** {@code /vast provision --gpu-type T --count N [--max-price P]}. */
  public String usage() {
    var text = new StringBuilder("/vast ").append(name);
    positional.ifPresent(p -> text.append(positionalRequired ? " " + p : " [" + p + "]"));
    options.forEach(o -> text.append(' ').append(o.usage()));
    return text.toString();
  }
}
