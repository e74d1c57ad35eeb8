package dev.vastbot.fleet.work;

import dev.vastbot.fleet.health.ProcessMatch;
import java.util.Objects;

/**
 * The shell commands that manage self-play workers on a host (from config {@code workers}).
 *
 * @param processPattern regex that recognises a worker's command line
 * @param startTemplate starts one worker in the background; {@code {board}} and {@code
 *     {num_games}} are filled in
 * @param syncCodeCommand brings the code up to date before a restart; empty to skip
 * @param logGlob the workers' log files, for {@code /vast logs ID workers}
 */
public record WorkerCommands(String processPattern, String startTemplate, String syncCodeCommand,
    String logGlob) {

  public WorkerCommands {
    Objects.requireNonNull(processPattern, "processPattern");
    Objects.requireNonNull(startTemplate, "startTemplate");
    Objects.requireNonNull(syncCodeCommand, "syncCodeCommand");
    Objects.requireNonNull(logGlob, "logGlob");
  }

  /**
   * Stops any worker (without matching this command itself), starts one for {@code board}, and
   * prints how many run a moment later.
   */
  public String restartCommand(String board) {
    String start = startTemplate.replace("{board}", board)
        .replace("{num_games}", Integer.toString(WorkloadTable.gamesFor(board)));
    return ProcessMatch.kill(processPattern) + "\n" + start + "\nsleep 1; " + ProcessMatch.count(processPattern);
  }

  /** Prints the last {@code lines} lines of the newest worker log. */
  public String tailLogCommand(int lines) {
    return "f=$(ls -t " + logGlob + " 2>/dev/null | head -n 1); "
        + "if [ -n \"$f\" ]; then echo \"==> $f\"; tail -n " + lines + " \"$f\"; else echo 'no worker log found ("
        + logGlob.replace("'", "") + ")'; fi";
  }
}
