package dev.vastbot.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a migration file into statements at top-level semicolons. Knows enough SQL for our
 * migration files: quoted strings and identifiers, {@code --} and block comments, PostgreSQL
 * dollar quoting ({@code $$ ... $$}), and {@code BEGIN}/{@code CASE} ... {@code END} blocks such
 * as SQLite trigger bodies, whose inner semicolons do not end the statement. Migration files
 * therefore hold no transaction control ({@code BEGIN;}, {@code COMMIT;}): the migrator owns the
 * transaction.
 */
record SqlScript(String text) {

  /** The statements in order, trimmed, without their closing semicolon; comments are kept. */
  List<String> statements() {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int blockDepth = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int skipTo = endOfQuotedOrComment(i);
      if (skipTo > i) {
        current.append(text, i, skipTo);
        i = skipTo;
      } else if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < text.length() && isWordPart(text.charAt(end))) {
          end++;
        }
        String word = text.substring(i, end).toUpperCase(Locale.ROOT);
        if (word.equals("BEGIN") || word.equals("CASE")) {
          blockDepth++;
        } else if (word.equals("END") && blockDepth > 0) {
          blockDepth--;
        }
        current.append(text, i, end);
        i = end;
      } else if (c == ';' && blockDepth == 0) {
        addIfNotBlank(statements, current);
        current.setLength(0);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    addIfNotBlank(statements, current);
    return statements;
  }

  /** The index just past a quoted text or comment that starts at {@code i}, else {@code i}. */
  private int endOfQuotedOrComment(int i) {
    if (text.startsWith("--", i)) {
      int newline = text.indexOf('\n', i);
      return newline < 0 ? text.length() : newline + 1;
    }
    if (text.startsWith("/*", i)) {
      return closing("*/", i + 2);
    }
    char c = text.charAt(i);
    if (c == '\'' || c == '"') {
      return closing(String.valueOf(c), i + 1);
    }
    if (c == '$') {
      int tagEnd = i + 1;
      while (tagEnd < text.length() && isWordPart(text.charAt(tagEnd))) {
        tagEnd++;
      }
      if (tagEnd < text.length() && text.charAt(tagEnd) == '$') {
        String tag = text.substring(i, tagEnd + 1);
        return closing(tag, tagEnd + 1);
      }
    }
    return i;
  }

  /**
   * The index just past the next {@code delimiter} from {@code from}. A doubled quote ({@code
   * 'it''s'}) reads as two adjacent quoted texts, which splits the same.
   */
  private int closing(String delimiter, int from) {
    int at = text.indexOf(delimiter, from);
    if (at < 0) {
      throw new IllegalArgumentException("unterminated " + delimiter + " in SQL script");
    }
    return at + delimiter.length();
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static void addIfNotBlank(List<String> statements, StringBuilder statement) {
    String trimmed = statement.toString().strip();
    if (!trimmed.isEmpty() && !onlyComments(trimmed)) {
      statements.add(trimmed);
    }
  }

  private static boolean onlyComments(String statement) {
    return statement.lines()
        .map(String::strip)
        .allMatch(line -> line.isEmpty() || line.startsWith("--"));
  }
}
