package dev.vastbot.cli;

import java.util.List;
import java.util.stream.Collectors;

/** Joins CLI words into one {@code /vast} line, quoting words that hold spaces or quotes. */
final class RoutedLine {
  private RoutedLine() {}

  static String join(List<String> words) {
    return words.stream().map(RoutedLine::quote).collect(Collectors.joining(" "));
  }

  private static String quote(String word) {
    if (!word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')) {
      return word;
    }
    return word.contains("'") ? "\"" + word + "\"" : "'" + word + "'";
  }
}
