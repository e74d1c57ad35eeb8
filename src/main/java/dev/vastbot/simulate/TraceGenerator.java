package dev.vastbot.simulate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/**
 * Writes the four shipped demand traces ({@code bench/traces/}): 30 days of hourly rows from
 * 2026-11-01T00:00Z, sized for a fleet of 2 to 10 RTX 4090s at 300 games per hour each. Seeded, so
 * running it again gives the same files:
 *
 * <pre>java -cp target/vastbot.jar dev.vastbot.simulate.TraceGenerator bench/traces</pre>
 */
public final class TraceGenerator {
  static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
  static final int HOURS = 30 * 24;

  private TraceGenerator() {}

  public static void main(String[] args) throws IOException {
    var dir = Path.of(args.length > 0 ? args[0] : "bench/traces");
    Files.createDirectories(dir);
    write(dir.resolve("steady.csv"), steady(new Random(1)));
    write(dir.resolve("daily-cycle.csv"), dailyCycle(new Random(2)));
    write(dir.resolve("bursts.csv"), bursts(new Random(3)));
    write(dir.resolve("sessions.csv"), sessions(new Random(4)));
  }

  /** About 1,500 games an hour (5 RTX 4090s), ±10 % noise. */
  static List<Double> steady(Random random) {
    return hourly(hour -> 1_500 * (1 + 0.10 * random.nextGaussian()));
  }

  /**
   * Quiet days (about 700 games an hour) and night peaks (about 2,400 from 22:00 to 06:00 UTC,
   * when the team queues its self-play runs), with a ramp of two hours each way and ±10 % noise.
   */
  static List<Double> dailyCycle(Random random) {
    return hourly(
        hour -> {
          var clock = hour % 24;
          var level = nightShare(clock);
          return (700 + 1_700 * level) * (1 + 0.10 * random.nextGaussian());
        });
  }

  /**
   * A base of about 800 games an hour, and 14 bursts at random hours of the month, each of 6,000 to
   * 18,000 games enqueued within one hour (a new model to evaluate, a sweep).
   */
  static List<Double> bursts(Random random) {
    var rows = hourly(hour -> 800 * (1 + 0.10 * random.nextGaussian()));
    var bursty = new ArrayList<>(rows);
    for (int burst = 0; burst < 14; burst++) {
      var hour = random.nextInt(HOURS - 12);
      bursty.set(hour, bursty.get(hour) + 6_000 + random.nextInt(12_001));
    }
    return bursty;
  }

  /**
   * A trickle of about 150 games an hour (half of one RTX 4090, below the group's minimum) broken by
   * work sessions: each day 1 to 3 of them, starting at a random hour, lasting 1 to 6 hours at
   * 1,000 to 3,500 games an hour (a person queueing runs by hand, then going home); ±10 % noise.
   */
  static List<Double> sessions(Random random) {
    var rows = new ArrayList<>(hourly(hour -> 150 * (1 + 0.10 * random.nextGaussian())));
    for (int day = 0; day < HOURS / 24; day++) {
      var count = 1 + random.nextInt(3);
      for (int session = 0; session < count; session++) {
        var start = day * 24 + random.nextInt(24);
        var length = 1 + random.nextInt(6);
        var level = 1_000 + random.nextInt(2_501);
        for (int hour = start; hour < Math.min(HOURS, start + length); hour++) {
          rows.set(hour, rows.get(hour) + level * (1 + 0.10 * random.nextGaussian()));
        }
      }
    }
    return rows;
  }

  private static double nightShare(int clock) {
    if (clock >= 22 || clock < 6) {
      return 1;
    }
    if (clock >= 20) {
      return (clock - 19) / 3.0;
    }
    if (clock < 8) {
      return (8 - clock) / 3.0;
    }
    return 0;
  }

  private static List<Double> hourly(IntToDoubleFunction gamesAt) {
    var rows = new ArrayList<Double>();
    for (int hour = 0; hour < HOURS; hour++) {
      rows.add(Math.max(0, gamesAt.applyAsDouble(hour)));
    }
    return rows;
  }

  private static void write(Path file, List<Double> games) throws IOException {
    var lines = new ArrayList<String>();
    lines.add(TraceCsv.HEADER);
    for (int hour = 0; hour < games.size(); hour++) {
      var time = START.plus(Duration.ofHours(hour)).atOffset(ZoneOffset.UTC).toInstant();
      lines.add(String.format(Locale.ROOT, "%s,%.0f", time, games.get(hour)));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }
}
