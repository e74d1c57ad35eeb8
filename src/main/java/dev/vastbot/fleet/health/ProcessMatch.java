package dev.vastbot.fleet.health;

/**
 * Shell snippets that find processes by command line without matching the shell that runs them.
 * The old scripts' {@code pgrep -f pattern} matched its own {@code sh -c "... pattern ..."}, so
 * workers always looked alive, and {@code pkill -f} killed the restart command itself. Here the
 * pattern's first letter is bracketed ({@code generate_data} → {@code [g]enerate_data}): the regex
 * still matches the workers, but not the command line that carries the bracketed form; the
 * shell's own pid is excluded as well. (A command that starts a worker must background only the
 * worker itself, not a whole {@code a && b &} list: such a list waits in a copy of the shell whose
 * command line names the worker.)
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
    return "pgrep -f '" + regex(pattern) + "' | grep -vx \"$$\"";
  }

  /** Prints how many processes match. */
  public static String count(String pattern) {
    return "pgrep -f '" + regex(pattern) + "' | grep -cvx \"$$\"";
  }

  /**
   * Terminates matching processes (TERM) except the shell running this, whose command line may
   * name the pattern (a restart script carries the start command).
   */
  public static String kill(String pattern) {
    return "for p in $(" + pids(pattern) + "); do kill \"$p\" 2>/dev/null; done; true";
  }

  /**
   * {@link #kill} and then waits up to ten seconds for the processes to exit (so that a restarted
   * server finds its port free); KILLs what is left.
   */
  public static String stop(String pattern) {
    return kill(pattern) + "\nfor i in $(seq 1 100); do [ \"$(" + count(pattern)
        + ")\" = 0 ] && break; sleep 0.1; done\nfor p in $(" + pids(pattern)
        + "); do kill -9 \"$p\" 2>/dev/null; done; true";
  }

  private static String regex(String pattern) {
    return bracketed(pattern).replace("'", "");
  }
}
