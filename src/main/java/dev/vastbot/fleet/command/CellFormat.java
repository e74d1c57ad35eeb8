package dev.vastbot.fleet.command;

import dev.vastbot.fleet.HostPort;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** How values look in replies: money, durations, addresses. */
final class CellFormat {
  private CellFormat() {}

  static String dollars(double amount) {
    return String.format(Locale.ROOT, "$%.2f", amount);
  }

  static String perHour(double dph) {
    return String.format(Locale.ROOT, "$%.3f/h", dph);
  }

  static String fraction(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  static String gigabytes(int megabytes) {
    return Math.round(megabytes / 1024.0) + " GB";
  }

  static String address(HostPort hostPort) {
    return hostPort == null ? "-" : hostPort.toString();
  }

  /** "3h 12m", "45s": the time from {@code since} to {@code now}. */
  /** "as of 40s ago", and why it is stale when its last refresh failed. */
  static String asOf(dev.vastbot.fleet.FleetSnapshot snapshot, Instant now) {
    String age = "as of " + duration(snapshot.age(now)) + " ago";
    return snapshot.stale() ? age + " (stale: the last refresh failed: " + snapshot.staleReason() + ")" : age;
  }

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
