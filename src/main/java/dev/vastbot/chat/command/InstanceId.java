package dev.vastbot.chat.command;

import java.util.OptionalLong;

/** Reads an instance id as people write it: {@code 12345678} or {@code vast-12345678}. */
final class InstanceId {
  private InstanceId() {}

  static OptionalLong parse(String text) {
    String digits = text.startsWith("vast-") ? text.substring(5) : text;
    if (!digits.matches("\\d{1,18}")) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(digits));
  }

  static long require(Arguments arguments, int index) {
    String text = arguments.positional(index).orElseThrow();
    return parse(text).orElseThrow(() -> new BadArgument(
        "'" + text + "' is not an instance id (like 12345678 or vast-12345678)."));
  }

  /** A positional argument that passed the parser but is not valid; nothing ran. */
  static final class BadArgument extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BadArgument(String message) {
      super(message);
    }
  }
}
