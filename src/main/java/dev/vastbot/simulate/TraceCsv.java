package dev.vastbot.simulate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a demand trace: a header {@code time,games_enqueued} (or {@code time,games}), then one row per line with an
 * ISO-8601 instant on a whole minute ({@code 2026-11-01T00:00:00Z}) and a number of games at least
 * 0; times strictly increasing. Blank lines and lines starting with {@code #} are skipped. Every
 * problem names the file and the line.
 */
public final class TraceCsv {
  static final String HEADER = "time,games_enqueued";

  /** The shorter header other tools write; the same columns. */
  static final String SHORT_HEADER = "time,games";

  private TraceCsv() {}

  public static DemandTrace read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException missing) {
      throw new SimulationInputException(file + ": no such trace file");
    } catch (IOException unreadable) {
      throw new SimulationInputException(file + ": cannot read: " + unreadable.getMessage());
    }
    return parse(file.toString(), lines);
  }

  static DemandTrace parse(String source, List<String> lines) {
    var rows = new ArrayList<TraceRow>();
    var headerSeen = false;
    for (int index = 0; index < lines.size(); index++) {
      var line = lines.get(index).strip();
      var where = source + ":" + (index + 1);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (!headerSeen) {
        var header = line.replace(" ", "");
        if (!header.equals(HEADER) && !header.equals(SHORT_HEADER)) {
          throw new SimulationInputException(
              where + ": expected the header '" + HEADER + "' or '" + SHORT_HEADER + "', found '"
                  + line + "'");
        }
        headerSeen = true;
        continue;
      }
      var row = row(where, line);
      if (!rows.isEmpty() && !row.time().isAfter(rows.get(rows.size() - 1).time())) {
        throw new SimulationInputException(
            where + ": time " + row.time() + " is not after the row before");
      }
      rows.add(row);
    }
    if (rows.size() < 2) {
      throw new SimulationInputException(
          source + ": needs the header '" + HEADER + "' (or '" + SHORT_HEADER
              + "') and at least two rows");
    }
    return new DemandTrace(source, rows);
  }

  private static TraceRow row(String where, String line) {
    var fields = line.split(",", -1);
    if (fields.length != 2) {
      throw new SimulationInputException(
          where + ": expected 2 fields (time,games_enqueued), found " + fields.length);
    }
    Instant time;
    try {
      time = Instant.parse(fields[0].strip());
    } catch (DateTimeParseException notATime) {
      throw new SimulationInputException(
          where
              + ": '"
              + fields[0].strip()
              + "' is not an ISO-8601 instant like 2026-11-01T00:00:00Z");
    }
    if (time.getEpochSecond() % 60 != 0 || time.getNano() != 0) {
      throw new SimulationInputException(where + ": time " + time + " is not on a whole minute");
    }
    double games;
    try {
      games = Double.parseDouble(fields[1].strip());
    } catch (NumberFormatException notANumber) {
      throw new SimulationInputException(
          where + ": '" + fields[1].strip() + "' is not a number of games");
    }
    if (!(games >= 0) || Double.isInfinite(games)) {
      throw new SimulationInputException(
          where + ": games_enqueued must be at least 0, was " + games);
    }
    return new TraceRow(time, games);
  }
}
