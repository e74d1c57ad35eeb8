package dev.vastbot.fleet.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.remote.UnsafeValueException;
import dev.vastbot.testing.LocalBash;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerCommandsTest {
  @TempDir Path home;

  private static WorkerCommands commands(String startTemplate) {
    return new WorkerCommands("app.training.generate_data", startTemplate, "", "/tmp/selfplay_*.log");
  }

  @Test
  void startCommand_fillsBoardAndGames_asOneWordEach_whereverTheySit() throws Exception {
    var commands = commands(LocalBash.SHOW_ARGS + "args --board-type {board} --num-games '{num_games}'"
        + " --record-db data/games/selfplay_{board}.db \"logs/selfplay_{board}.log\"");

    var ran = LocalBash.run(home, commands.startCommand("hex8"));

    assertEquals("<--board-type><hex8><--num-games><2000><--record-db><data/games/selfplay_hex8.db>"
        + "<logs/selfplay_hex8.log>\n", ran.stdout());
  }

  @Test
  void startCommand_refusesABoardThatIsNotABoardName() {
    var commands = commands("run --board-type {board}");

    for (String board : List.of("hex8; id", "$(id)", "hex8 --evil", "", "../hex8", "hex8\n")) {
      var refused = assertThrows(UnsafeValueException.class, () -> commands.startCommand(board), board);
      assertTrue(refused.getMessage().endsWith("is not a board name (letters, digits, '_' or '-')"),
          refused.getMessage());
    }
  }
}
