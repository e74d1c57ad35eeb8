package dev.vastbot.chat.command;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of a Slack slash command (what follows {@code /vast}), read once by the chat front end
 * ({@link CommandRouter#readSlash}): the command it parses to, or why it does not; whether {@code
 * --public} asked for a read-only answer in the channel; and the line as answers echo it back
 * ("Working on /vast logs 7 …"), the words quoted as they would be typed. The echo is for people
 * and for keying a shared answer; nothing parses it again. Immutable.
 *
 * @param command the parsed command or the parse error; never null
 * @param inChannel whether {@code --public} was given (the first one is taken out before parsing)
 * @param echo {@code /vast} and the words (without that {@code --public}); never null
 */
public record SlashText(ParseResult command, boolean inChannel, String echo) {
  private static final String PUBLIC = "--public";

  public SlashText {
    requireNonNull(command, "command == null");
    requireNonNull(echo, "echo == null");
  }

  /** Reads {@code text} (null is empty) against {@code parser}; never throws on user input. */
  static SlashText read(String text, CommandParser parser) {
    String given = text == null ? "" : text;
    List<String> words;
    try {
      words = new ArrayList<>(Tokenizer.split(given));
    } catch (IllegalArgumentException unbalanced) {
      return new SlashText(ParseError.of(unbalanced.getMessage(), null), false, "/vast " + given.strip());
    }
    boolean inChannel = words.remove(PUBLIC);
    String echo = "/vast " + words.stream().map(SlashText::quoted).collect(Collectors.joining(" "));
    words.add(0, "/vast"); // the text follows the command: a "/vast" in it is a word, not the prefix
    return new SlashText(parser.parse(words), inChannel, echo);
  }

  /** A word as a person would type it: quoted when it holds a space or a quote. */
  private static String quoted(String word) {
    if (!word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')) {
      return word;
    }
    return word.indexOf('"') < 0 ? "\"" + word + "\"" : "'" + word.replace("'", "") + "'";
  }
}
