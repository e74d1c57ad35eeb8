package dev.vastbot.chat.command;

import dev.vastbot.fleet.HostPort;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** How values look in replies: money, durations, addresses. */
final class CellFormat {
  private CellFormat() {}

  static String dollars(double amount) {
    return "$" + decimals(amount, 2);
  }

  static String perHour(double dph) {
    return "$" + decimals(dph, 3) + "/h";
  }

  static String fraction(double value) {
    return decimals(value, 3);
  }

  /**
   * {@code value} with {@code places} decimals, rounded half up as {@code %.Nf} rounds (both start
   * from {@link Double#toString}'s digits), without a {@link java.util.Formatter}: /vast list at
   * 1,000 instances formats a price in every row, and a Formatter parses its pattern and boxes its
   * argument each time. A negative value that rounds to zero shows as 0, not -0.
   */
  static String decimals(double value, int places) {
    if (!Double.isFinite(value)) {
      return String.format(Locale.ROOT, "%." + places + "f", value);
    }
    return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).toPlainString();
  }

  static String gigabytes(int megabytes) {
    return Math.round(megabytes / 1024.0) + " GB";
  }

  static String address(HostPort hostPort) {
    return hostPort == null ? "-" : hostPort.toString();
  }

  /** "as of 40s ago", and why it is stale when its last refresh failed. */
  static String asOf(dev.vastbot.fleet.FleetSnapshot snapshot, Instant now) {
    String age = "as of " + duration(snapshot.age(now)) + " ago";
    return snapshot.stale() ? age + " (stale: the last refresh failed: " + snapshot.staleReason() + ")" : age;
  }

  /** "3h 12m", "45s": the time from {@code since} to {@code now}; "-" when unknown. */
  static String age(Instant since, Instant now) {
    return since == null ? "-" : duration(Duration.between(since, now));
  }

  /** "3h 12m", "15m", "45s"; negative counts as zero. */
  static String duration(Duration age) {
    if (age.isNegative()) {
      return "0s";
    }
    if (age.toDays() > 0) {
      return age.toDays() + "d " + age.toHoursPart() + "h";
    }
    if (age.toHours() > 0) {
      return age.toHours() + "h " + age.toMinutesPart() + "m";
    }
    if (age.toMinutes() > 0) {
      return age.toMinutes() + "m" + (age.toSecondsPart() == 0 ? "" : " " + age.toSecondsPart() + "s");
    }
    return age.toSeconds() + "s";
  }
}
