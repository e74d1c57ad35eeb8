package dev.vastbot.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The line vastbot adds to a crontab: a schedule, then a command that cron hands to /bin/sh. Each
 * path goes in as one shell word with every {@code %} escaped for cron; a path holding a control
 * character is refused, since a newline would end the line and start a cron job of its own.
 */
final class CrontabLine {
  private static final Pattern SAFE_WORD = Pattern.compile("[A-Za-z0-9_@+=:,./-]+");

  private final String text;
  private final String marker;

  private CrontabLine(String text, String marker) {
    this.text = text;
    this.marker = marker;
  }

  /** Runs {@code java -jar JAR VERB} from WORK_DIR on SCHEDULE, logging to var/. */
  static CrontabLine of(String schedule, String verb, Path workDir, Path jar) {
    String jarWord = shellWord("jar path", jar);
    String text = schedule + " cd " + shellWord("working directory", workDir) + " && java -jar "
        + jarWord + " " + verb + " >> var/" + verb.split(" ")[0] + ".log 2>&1";
    return new CrontabLine(text, jarWord + " " + verb + " ");
  }

  String text() {
    return text;
  }

  /** The first line of TABLE that already runs this jar with this verb. */
  Optional<String> findIn(String table) {
    return table.lines().filter(line -> line.contains(marker)).findFirst();
  }

  /**
   * PATH as one word of a crontab command. Bare when it holds only safe characters, else in single
   * quotes with {@code '} written as {@code '\''}. Cron reads an unescaped {@code %} as the end of
   * the command, quotes or not, and drops the backslash of {@code \%}; a backslash just before that
   * one would escape it instead, so the quote is closed and reopened ({@code ''}) between the two.
   */
  static String shellWord(String what, Path path) {
    String text = path.toString();
    refuseControlCharacters(what, text);
    if (SAFE_WORD.matcher(text).matches()) {
      return text;
    }
    var word = new StringBuilder("'");
    for (char c : text.toCharArray()) {
      if (c == '\'') {
        word.append("'\\''");
      } else if (c == '%') {
        word.append(word.charAt(word.length() - 1) == '\\' ? "''\\%" : "\\%");
      } else {
        word.append(c);
      }
    }
    return word.append('\'').toString();
  }

  private static void refuseControlCharacters(String what, String path) {
    for (char c : path.toCharArray()) {
      if (Character.isISOControl(c)) {
        throw new CrontabException("left the crontab as it was: the " + what + " holds "
            + characterName(c) + ", which cannot go into a crontab line: "
            + path.replaceAll("\\p{Cntrl}", "?"));
      }
    }
  }

  private static String characterName(char c) {
    if (c == '\n') {
      return "a newline";
    }
    if (c == '\r') {
      return "a carriage return";
    }
    return String.format("the control character U+%04X", (int) c);
  }
}
