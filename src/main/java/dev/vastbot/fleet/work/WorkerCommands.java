package dev.vastbot.fleet.work;

import dev.vastbot.fleet.health.ProcessMatch;
import dev.vastbot.fleet.remote.CommandTemplate;
import dev.vastbot.fleet.remote.RemoteValue;
import java.util.Map;
import java.util.Objects;

/**
 * The shell commands that manage self-play workers on a host (from config {@code workers}).
 *
 * @param processPattern regex that recognises a worker's command line
 * @param startTemplate starts one worker in the background; {@code {board}} and {@code
 *     {num_games}} are filled in, each checked and quoted as one shell word ({@link
 *     CommandTemplate})
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
    new CommandTemplate(startTemplate); // refuses a template whose quoting it cannot follow
  }

  /**
   * Stops every worker and waits until they are gone. Its text names the pattern only in a form
   * that cannot match itself, so it runs as its own command, never in one with the start command.
   */
  public String stopCommand() {
    return ProcessMatch.stop(processPattern);
  }

  /**
   * Starts one worker for {@code board} in the background.
   *
   * @throws dev.vastbot.fleet.remote.UnsafeValueException if {@code board} is not a board name; no
   *     command is built then
   */
  public String startCommand(String board) {
    RemoteValue.BOARD_NAME.require(board);
    String games = RemoteValue.COUNT.require(WorkloadTable.gamesFor(board));
    return new CommandTemplate(startTemplate).fill(Map.of("board", board, "num_games", games));
  }

  /** Prints how many workers run, after giving a new one a moment to start. */
  public String countCommand() {
    return "sleep 1; " + ProcessMatch.count(processPattern);
  }

  /** Prints the last {@code lines} lines of the newest worker log. */
  public String tailLogCommand(int lines) {
    return "f=$(ls -t " + logGlob + " 2>/dev/null | head -n 1); "
        + "if [ -n \"$f\" ]; then echo \"==> $f\"; tail -n " + lines + " \"$f\"; else echo 'no worker log found ("
        + logGlob.replace("'", "") + ")'; fi";
  }
}
