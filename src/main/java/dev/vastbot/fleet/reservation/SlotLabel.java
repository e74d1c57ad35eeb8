package dev.vastbot.fleet.reservation;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The label a rent gives each instance it creates, {@code vastbot:op<operation>-<slot>}: it makes a
 * retried create find the instance instead of renting a second one, and it lets the store tell
 * which reservation a listed instance was created for. Pure.
 */
public final class SlotLabel {
  private static final Pattern LABEL = Pattern.compile("vastbot:op([0-9]{1,18})-[0-9]{1,9}");

  private SlotLabel() {}

  /** The label of slot {@code slot} (1-based) of operation {@code operation}. */
  public static String of(long operation, int slot) {
    return "vastbot:op" + operation + "-" + slot;
  }

  /** The operation a label names; empty for any other label (or none). */
  public static OptionalLong operationOf(String label) {
    if (label == null) {
      return OptionalLong.empty();
    }
    var matcher = LABEL.matcher(label);
    return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
  }
}
