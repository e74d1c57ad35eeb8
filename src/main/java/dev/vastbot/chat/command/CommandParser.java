package dev.vastbot.chat.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses {@code /vast <command> [ID] [--option value ...]} against the known command specs. Never
 * throws on user input: every problem becomes a {@link ParseError} that says what is wrong and
 * what was probably meant.
 */
public final class CommandParser {
  private static final String PREFIX = "/vast";
  private final Map<String, CommandSpec> specs;

  public CommandParser(Map<String, CommandSpec> specs) {
    this.specs = Map.copyOf(specs);
  }

  /** Parses a whole line: split into words ({@link Tokenizer}), then {@link #parse(List)}. */
  public ParseResult parse(String line) {
    List<String> words;
    try {
      words = Tokenizer.split(line);
    } catch (IllegalArgumentException unbalanced) {
      return ParseError.of(unbalanced.getMessage(), null);
    }
    return parse(words);
  }

  /**
   * Parses a line already split into words (a CLI's arguments, a slash command's text read by
   * {@link SlashText}): each word is one argument as given, spaces and quotes included.
   */
  public ParseResult parse(List<String> words) {
    if (!words.isEmpty() && words.get(0).equals(PREFIX)) {
      words = words.subList(1, words.size());
    }
    if (words.isEmpty()) {
      return ParseError.of("No command given.", "/vast help");
    }
    String name = words.get(0);
    CommandSpec spec = specs.get(name);
    if (spec == null) {
      String hint = NearestWord.among(specs.keySet(), name).map(n -> "/vast " + n).orElse("/vast help");
      return ParseError.of("Unknown command '" + name + "'.", hint);
    }
    return parseArguments(spec, words.subList(1, words.size()));
  }

  private ParseResult parseArguments(CommandSpec spec, List<String> words) {
    Map<String, String> options = new HashMap<>();
    List<String> positionals = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (!word.startsWith("--")) {
        positionals.add(word);
        continue;
      }
      String optionName = word.substring(2);
      String value = null;
      int equals = optionName.indexOf('=');
      if (equals >= 0) {
        value = optionName.substring(equals + 1);
        optionName = optionName.substring(0, equals);
      }
      Optional<OptionSpec> option = spec.option(optionName);
      if (option.isEmpty()) {
        return unknownOption(spec, optionName);
      }
      if (option.get().kind() == OptionSpec.Kind.FLAG) {
        if (value != null) {
          return ParseError.of("--" + optionName + " takes no value.", spec.usage());
        }
        value = "true";
      } else if (value == null) {
        if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
          return ParseError.of("--" + optionName + " needs a value (" + option.get().valueName() + ").",
              spec.usage());
        }
        value = words.get(++i);
      }
      if (options.containsKey(optionName)) {
        return ParseError.of("--" + optionName + " is given twice.", spec.usage());
      }
      Optional<ParseError> invalid = OptionValues.check(option.get(), value);
      if (invalid.isPresent()) {
        return new ParseError(invalid.get().message(), Optional.of(spec.usage()));
      }
      options.put(optionName, value);
    }
    return finish(spec, positionals, options);
  }

  private static ParseResult finish(CommandSpec spec, List<String> positionals, Map<String, String> options) {
    if (positionals.size() > spec.positionals().size()) {
      return ParseError.of("Unexpected argument '" + positionals.get(positionals.size() - 1)
          + "' for /vast " + spec.name() + ".", spec.usage());
    }
    if (positionals.size() < spec.requiredPositionals()) {
      return ParseError.of("/vast " + spec.name() + " needs " + spec.positionals().get(positionals.size())
          + ".", spec.usage());
    }
    for (OptionSpec option : spec.options()) {
      if (option.required() && !options.containsKey(option.name())) {
        return ParseError.of("/vast " + spec.name() + " needs --" + option.name() + ".", spec.usage());
      }
    }
    return new ParsedCommand(spec, new Arguments(positionals, options));
  }

  private static ParseError unknownOption(CommandSpec spec, String optionName) {
    List<String> names = spec.options().stream().map(OptionSpec::name).toList();
    String hint = NearestWord.among(names, optionName).map(n -> "--" + n).orElse(spec.usage());
    return ParseError.of("Unknown option --" + optionName + " for /vast " + spec.name() + ".", hint);
  }
}
