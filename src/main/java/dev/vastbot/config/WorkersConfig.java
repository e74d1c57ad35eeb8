package dev.vastbot.config;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.remote.CommandTemplate;
import dev.vastbot.fleet.remote.RemoteValue;
import dev.vastbot.fleet.work.WorkerCommands;
import dev.vastbot.fleet.work.WorkloadTable;
import java.util.Map;

/**
 * The {@code workers} section of {@code vastbot.yaml}: how self-play workers are recognised,
 * started, counted and read, and which board each GPU model plays.
 *
 * @param boardByGpu GPU model → board; empty means RingRift's own table
 */
public record WorkersConfig(
    String processPattern,
    String startCommand,
    String syncCodeCommand,
    String gamesCommand,
    String logGlob,
    String defaultBoard,
    Map<String, String> boardByGpu) {

  static final String DEFAULT_PATTERN = "app.training.generate_data";
  static final String DEFAULT_START =
      "cd ~/ringrift/ai-service && . venv/bin/activate && mkdir -p data/games logs || exit 1;"
          + " PYTHONPATH=. nohup python3 -m app.training.generate_data --board-type {board}"
          + " --num-games {num_games} --engine descent --record-db data/games/selfplay_{board}.db"
          + " > logs/selfplay_{board}.log 2>&1 &";
  static final String DEFAULT_SYNC =
      "if [ -d ~/ringrift/.git ]; then cd ~/ringrift && git fetch -q origin"
          + " && git reset -q --hard origin/main && git log -1 --oneline;"
          + " else echo 'no git checkout at ~/ringrift: code sync skipped'; fi";
  static final String DEFAULT_GAMES =
      "python3 -c 'import glob,os,sqlite3,time\n"
          + "n=0\n"
          + "for p in glob.glob(os.path.expanduser(\"~/ringrift/ai-service/data/games/*.db\")):\n"
          + "  try:\n"
          + "    n+=sqlite3.connect(p).execute(\"select count(*) from games where created_at>?\","
          + "(time.time()-3600,)).fetchone()[0]\n"
          + "  except Exception:\n"
          + "    pass\n"
          + "print(n)'";
  static final String DEFAULT_LOGS = "~/ringrift/ai-service/logs/selfplay_*.log";

  public WorkersConfig {
    requireNonNull(processPattern, "processPattern == null");
    requireNonNull(startCommand, "startCommand == null");
    requireNonNull(syncCodeCommand, "syncCodeCommand == null");
    requireNonNull(gamesCommand, "gamesCommand == null");
    requireNonNull(logGlob, "logGlob == null");
    requireNonNull(defaultBoard, "defaultBoard == null");
    boardByGpu = Map.copyOf(boardByGpu);
  }

  public WorkerCommands commands() {
    return new WorkerCommands(processPattern, startCommand, syncCodeCommand, logGlob);
  }

  public WorkloadTable workloads() {
    return new WorkloadTable(boardByGpu.isEmpty() ? WorkloadTable.RINGRIFT_BOARDS : boardByGpu, defaultBoard);
  }

  static WorkersConfig read(ConfigSection workers) {
    var pattern = workers.text("process_pattern", DEFAULT_PATTERN)
        .require(p -> !p.isBlank() && !p.contains("'") && !p.contains("/"),
            "must be a non-empty regular expression without ' or /");
    var start = workers.text("start_command", DEFAULT_START)
        .require(c -> c.contains("{board}"), "must contain {board}")
        .require(CommandTemplate::isWellFormed, CommandTemplate.UNBALANCED);
    var sync = workers.text("sync_code_command", DEFAULT_SYNC);
    var games = workers.text("games_command", DEFAULT_GAMES)
        .require(c -> !c.isBlank(), "must not be empty");
    var logs = workers.text("log_glob", DEFAULT_LOGS).require(g -> !g.isBlank(), "must not be empty");
    var board = workers.text("default_board", "square8").require(b -> b.matches("[A-Za-z0-9_-]+"),
        "must be a board name like square8");
    var boards = workers.textMap("board_by_gpu")
        .require(map -> map.values().stream().allMatch(RemoteValue.BOARD_NAME::accepts),
            "every board must be a board name like square8 (letters, digits, _ or -)");
    workers.rejectUnknownKeys();
    return new WorkersConfig(pattern.value(), start.value(), sync.value(), games.value(), logs.value(),
        board.value(), boards.value());
  }
}
