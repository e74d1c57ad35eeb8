package dev.vastbot.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a demand trace, and every way a trace can be refused, naming the file and line. */
class SimulationTraceCsvTest {
  @TempDir Path dir;

  private static String refusal(String... lines) {
    return assertThrows(SimulationInputException.class, () -> TraceCsv.parse("t.csv", List.of(lines)))
        .getMessage();
  }

  @Test
  void readsRowsAndSpreadsEachRowsGamesOverItsMinutes() throws Exception {
    var file = dir.resolve("trace.csv");
    Files.writeString(
        file,
        "time,games_enqueued\n# a comment\n2026-11-01T00:00:00Z,60\n\n2026-11-01T00:02:00Z,30\n");

    var trace = TraceCsv.read(file);

    assertEquals(Instant.parse("2026-11-01T00:00:00Z"), trace.start());
    assertEquals(Instant.parse("2026-11-01T00:04:00Z"), trace.end());
    assertEquals(90, trace.totalGames(), 1e-9);
    assertArrayEquals(new double[] {30, 30, 15, 15}, trace.gamesPerMinute(), 1e-9);
  }

  @Test
  void aMissingFileIsNamed() {
    var missing = dir.resolve("nope.csv");
    var refused = assertThrows(SimulationInputException.class, () -> TraceCsv.read(missing));
    assertEquals(missing + ": no such trace file", refused.getMessage());
  }

  @Test
  void aWrongHeaderIsNamedWithItsLine() {
    assertEquals(
        "t.csv:1: expected the header 'time,games_enqueued' or 'time,games', found 'when,how_many'",
        refusal("when,how_many", "2026-11-01T00:00:00Z,1"));
    assertEquals(
        "t.csv:1: expected the header 'time,games_enqueued' or 'time,games', found 'time,games,gpu'",
        refusal("time,games,gpu", "2026-11-01T00:00:00Z,1"));
  }

  @Test
  void theShortHeaderTimeGamesReadsTheSameRows() {
    var rows = List.of("2026-11-01T00:00:00Z,60", "2026-11-01T00:02:00Z,30");
    var longHeader = new java.util.ArrayList<>(List.of("time,games_enqueued"));
    longHeader.addAll(rows);
    var shortHeader = new java.util.ArrayList<>(List.of(" time, games "));
    shortHeader.addAll(rows);

    var expected = TraceCsv.parse("t.csv", longHeader);
    var trace = TraceCsv.parse("t.csv", shortHeader);

    assertEquals(expected.rows(), trace.rows());
    assertArrayEquals(new double[] {30, 30, 15, 15}, trace.gamesPerMinute(), 1e-9);
  }

  @Test
  void malformedRowsAreNamedWithTheirLine() {
    var header = "time,games_enqueued";
    var first = "2026-11-01T00:00:00Z,10";
    assertEquals(
        "t.csv:3: expected 2 fields (time,games_enqueued), found 3",
        refusal(header, first, "2026-11-01T01:00:00Z,10,3"));
    assertEquals(
        "t.csv:3: 'yesterday' is not an ISO-8601 instant like 2026-11-01T00:00:00Z",
        refusal(header, first, "yesterday,10"));
    assertEquals(
        "t.csv:3: 'ten' is not a number of games", refusal(header, first, "2026-11-01T01:00:00Z,ten"));
    assertEquals(
        "t.csv:3: games_enqueued must be at least 0, was -4.0",
        refusal(header, first, "2026-11-01T01:00:00Z,-4"));
    assertEquals(
        "t.csv:3: time 2026-11-01T00:00:00Z is not after the row before",
        refusal(header, first, "2026-11-01T00:00:00Z,10"));
    assertEquals(
        "t.csv:3: time 2026-11-01T01:00:30Z is not on a whole minute",
        refusal(header, first, "2026-11-01T01:00:30Z,10"));
  }

  @Test
  void aTraceNeedsTwoRows() {
    assertEquals(
        "t.csv: needs the header 'time,games_enqueued' (or 'time,games') and at least two rows",
        refusal("time,games_enqueued", "2026-11-01T00:00:00Z,10"));
  }
}
