package dev.vastbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

  @Test
  void splitsAtTopLevelSemicolonsAndDropsCommentOnlyTails() {
    String script =
        "-- header; not a statement\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (y INT);\n-- end\n";

    assertEquals(
        List.of("-- header; not a statement\nCREATE TABLE a (x INT)", "CREATE TABLE b (y INT)"),
        new SqlScript(script).statements());
  }

  @Test
  void keepsSemicolonsInsideQuotesAndBlockComments() {
    String script =
        "INSERT INTO t VALUES ('a;b', 'it''s; fine'); /* x; y */ SELECT \"c;d\" FROM t;";

    assertEquals(
        List.of("INSERT INTO t VALUES ('a;b', 'it''s; fine')", "/* x; y */ SELECT \"c;d\" FROM t"),
        new SqlScript(script).statements());
  }

  @Test
  void keepsASqliteTriggerBodyWhole() {
    String trigger =
        "CREATE TRIGGER t BEFORE DELETE ON a\nBEGIN\n  SELECT CASE WHEN 1 THEN 2 END;\n"
            + "  SELECT RAISE(ABORT, 'no; never');\nEND";

    assertEquals(List.of(trigger, "SELECT 1"),
        new SqlScript(trigger + ";\nSELECT 1;").statements());
  }

  @Test
  void keepsAPostgresDollarQuotedBodyWhole() {
    String function =
        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $body$\nBEGIN\n"
            + "  RAISE EXCEPTION 'no; %', TG_OP;\nEND;\n$body$";
    String other = "CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$";

    assertEquals(List.of(function, other),
        new SqlScript(function + ";\n" + other + ";").statements());
  }

  @Test
  void anUnterminatedQuoteIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new SqlScript("SELECT 'oops;").statements());
  }

  @Test
  void theShippedMigrationsSplitIntoTheirCreateStatements() {
    assertEquals(
        List.of("TABLE instances", "TABLE operations", "INDEX operations_newest_first",
            "TABLE audit_log", "INDEX audit_log_newest_first",
            "TRIGGER audit_log_no_update", "TRIGGER audit_log_no_delete"),
        created("db/migration/sqlite/V1__init.sql"));
    assertEquals(
        List.of("TABLE instances", "TABLE operations", "INDEX operations_newest_first",
            "TABLE audit_log", "INDEX audit_log_newest_first",
            "FUNCTION audit_log_refuse_change()", "TRIGGER audit_log_no_update_or_delete",
            "TRIGGER audit_log_no_truncate"),
        created("db/migration/postgresql/V1__init.sql"));
  }

  /** "TABLE x" for each statement "CREATE TABLE x ...", comment lines skipped. */
  private static List<String> created(String resource) {
    return new SqlScript(read(resource)).statements().stream()
        .map(s -> s.lines()
            .filter(line -> !line.isBlank() && !line.startsWith("--"))
            .findFirst()
            .orElseThrow())
        .map(line -> line.split("\\s+"))
        .peek(words -> assertEquals("CREATE", words[0]))
        .map(words -> words[1] + " " + words[2])
        .toList();
  }

  private static String read(String resource) {
    try (var in = SqlScriptTest.class.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
