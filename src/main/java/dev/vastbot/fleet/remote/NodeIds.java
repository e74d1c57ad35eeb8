package dev.vastbot.fleet.remote;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * P2P node ids as hosts report them ({@code vast-123}, {@code mac-studio}): letters, digits,
 * {@code .}, {@code _} and {@code -}, at most 64 characters, starting with a letter or digit.
 * Anything else a host prints where a node id belongs (a line break, an escape, a mention) is
 * not a node id and is not shown or used as one.
 */
public final class NodeIds {
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private NodeIds() {}

  public static boolean isValid(String text) {
    return text != null && NODE_ID.matcher(text).matches();
  }

  /** {@code value} when it is a string holding a valid node id. */
  public static Optional<String> valid(Object value) {
    return value instanceof String text && isValid(text) ? Optional.of(text) : Optional.empty();
  }
}
