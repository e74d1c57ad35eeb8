package dev.vastbot.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A demand trace: games enqueued over time. Each row's games arrive evenly over the minutes up to
 * the next row; the last row lasts as long as the one before it, so the trace covers {@code
 * start()} to {@code end()}.
 *
 * @param source where it was read from, for people
 */
public record DemandTrace(String source, List<TraceRow> rows) {

  public DemandTrace {
    rows = List.copyOf(rows);
    if (rows.size() < 2) {
      throw new IllegalArgumentException("a trace needs at least two rows");
    }
  }

  public Instant start() {
    return rows.get(0).time();
  }

  public Instant end() {
    var last = rows.get(rows.size() - 1).time();
    return last.plus(Duration.between(rows.get(rows.size() - 2).time(), last));
  }

  public int minutes() {
    return (int) Duration.between(start(), end()).toMinutes();
  }

  public double totalGames() {
    return rows.stream().mapToDouble(TraceRow::games).sum();
  }

  /** Games enqueued in each minute from {@code start()}. */
  public double[] gamesPerMinute() {
    var perMinute = new double[minutes()];
    for (int index = 0; index < rows.size(); index++) {
      var from = minuteOf(rows.get(index).time());
      var to = index + 1 < rows.size() ? minuteOf(rows.get(index + 1).time()) : perMinute.length;
      for (int minute = from; minute < to; minute++) {
        perMinute[minute] = rows.get(index).games() / (to - from);
      }
    }
    return perMinute;
  }

  private int minuteOf(Instant time) {
    return (int) Duration.between(start(), time).toMinutes();
  }
}
