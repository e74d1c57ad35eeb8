package dev.vastbot.chat.command;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line into words; single or double quotes group words. */
public final class Tokenizer {
  private Tokenizer() {}

  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    var current = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (char c : line.strip().toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(current.toString());
          current.setLength(0);
          inWord = false;
        }
      } else {
        current.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("Unbalanced quote " + quote + " in the command.");
    }
    if (inWord) {
      words.add(current.toString());
    }
    return words;
  }
}
