package dev.vastbot.chat.command;

import java.util.Optional;

/** Why a command line was refused, with a hint at what was meant. Nothing ran. */
public record ParseError(String message, Optional<String> suggestion) implements ParseResult {
  public static ParseError of(String message, String suggestion) {
    return new ParseError(message, Optional.ofNullable(suggestion));
  }
}
