package dev.vastbot.chat.command;

import java.util.List;
import java.util.Optional;

/**
 * What a command accepts: its name, positional arguments, and its options.
 *
 * @param positionals the names of the positional arguments in order ("ACTION", "ID")
 * @param requiredPositionals how many of them must be given (the rest are optional)
 */
public record CommandSpec(
    String name,
    String summary,
    List<String> positionals,
    int requiredPositionals,
    List<OptionSpec> options) {

  public CommandSpec {
    positionals = List.copyOf(positionals);
    options = List.copyOf(options);
    if (requiredPositionals > positionals.size()) {
      throw new IllegalArgumentException("more required positionals than named ones");
    }
  }

  public static CommandSpec of(String name, String summary, OptionSpec... options) {
    return new CommandSpec(name, summary, List.of(), 0, List.of(options));
  }

  public Optional<OptionSpec> option(String optionName) {
    return options.stream().filter(o -> o.name().equals(optionName)).findFirst();
  }

  /** {@code /vast provision --gpu-type T --count N [--max-price P]}. */
  public String usage() {
    var text = new StringBuilder("/vast ").append(name);
    for (int i = 0; i < positionals.size(); i++) {
      text.append(i < requiredPositionals ? " " + positionals.get(i) : " [" + positionals.get(i) + "]");
    }
    options.forEach(o -> text.append(' ').append(o.usage()));
    return text.toString();
  }
}
