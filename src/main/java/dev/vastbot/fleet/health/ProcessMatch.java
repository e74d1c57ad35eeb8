package dev.vastbot.fleet.health;

/**
 * Shell snippets that find processes by command line without matching the shell that runs them.
 * The old scripts' {@code pgrep -f pattern} matched its own {@code sh -c "... pattern ..."}, so
 * workers always looked alive, and {@code pkill -f} killed the restart command itself. Here the
 * pattern's first letter is bracketed ({@code generate_data} → {@code [g]enerate_data}): the regex
 * still matches the workers, but not the text of the command line that contains the bracketed
 * form, and the shell's own pid is excluded as well.
 */
public final class ProcessMatch {
  private ProcessMatch() {}

  /** {@code generate_data} → {@code [g]enerate_data}; a pattern starting with a regex symbol stays. */
  static String bracketed(String pattern) {
    char first = pattern.charAt(0);
    if (!Character.isLetterOrDigit(first)) {
      return pattern;
    }
    return "[" + first + "]" + pattern.substring(1);
  }

  /** Prints the pids of matching processes, one a line. */
  public static String pids(String pattern) {
    return "ps -eo pid=,args= | awk -v self=$$ '$1 != self && /" + awkRegex(pattern) + "/ {print $1}'";
  }

  /** Prints how many processes match. */
  public static String count(String pattern) {
    return "ps -eo pid=,args= | awk -v self=$$ '$1 != self && /" + awkRegex(pattern) + "/ {n++} END {print n+0}'";
  }

  /** Terminates matching processes (TERM); safe to run from a command that names the pattern. */
  public static String kill(String pattern) {
    return pids(pattern) + " | xargs -r kill 2>/dev/null; true";
  }

  private static String awkRegex(String pattern) {
    return bracketed(pattern).replace("/", "\\/").replace("'", "");
  }
}
