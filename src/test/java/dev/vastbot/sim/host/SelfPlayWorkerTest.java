package dev.vastbot.sim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.testing.Eventually;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-play worker stand-in, started over SSH the way vast_keepalive.py starts the real one.
 */
class SelfPlayWorkerTest {
  static final String START_WORKER =
      "cd ~/ringrift/ai-service && . venv/bin/activate && PYTHONPATH=. nohup python3 -m"
          + " app.training.generate_data --board-type hex8 --num-games 1000 --engine descent"
          + " --record-db data/games/selfplay_hex8.db > logs/selfplay.log 2>&1 &";

  /**
   * The worker's own command line. The backgrounded subshell of START_WORKER waits for it, and its
   * command line holds the pattern too, as on a real host.
   */
  static final String WORKER = "'^python3 -m app[.]training[.]generate_data'";

  static final String UTILIZATION =
      "nvidia-smi --query-gpu=utilization.gpu --format=csv,noheader,nounits";

  @TempDir Path root;
  FleetFixture fixture;
  SimHost host;
  HostShell shell;

  @BeforeEach
  void attach() {
    fixture = new FleetFixture(root);
    host = fixture.attach(41, "RTX 3070", 2);
    shell = fixture.shell(host);
  }

  @AfterEach
  void close() {
    shell.close();
    fixture.close();
  }

  @Test
  void workerRunsAndKeepsTheGpuBusyUntilItIsKilled() {
    shell.ok(START_WORKER);
    assertTrue(shell.ok("ps -eo args").contains("python3 -m app.training.generate_data"));
    Eventually.await("GPUs busy", () -> minimum(shell.ok(UTILIZATION)), util -> util >= 80);
    assertEquals("1", shell.ok("pgrep -c -f " + WORKER));

    host.faults().gpuIdle(true);
    assertTrue(maximum(shell.ok(UTILIZATION)) <= 3);
    host.faults().gpuIdle(false);
    assertTrue(minimum(shell.ok(UTILIZATION)) >= 80);

    assertEquals(1, host.faults().workersDead());
    Eventually.await(
        "worker gone", () -> shell.run("pgrep -f " + WORKER).exit(), exit -> exit == 1);
    assertTrue(maximum(shell.ok(UTILIZATION)) <= 3);
  }

  @Test
  void workerRecordsGamesAndLogsOneLinePerGame() {
    shell.ok(START_WORKER.replace("PYTHONPATH=.", "SIM_SELFPLAY_GAME_SECONDS=0.2 PYTHONPATH=."));
    String count =
        "cd ~/ringrift/ai-service && python3 -c \"import sqlite3;"
            + " print(sqlite3.connect('data/games/selfplay_hex8.db').execute('SELECT COUNT(*) FROM"
            + " games').fetchone()[0])\"";
    Eventually.await("3 games", () -> Integer.parseInt(shell.ok(count)), games -> games >= 3);
    assertTrue(shell.ok("cat ~/ringrift/ai-service/logs/selfplay.log").contains("game 1/1000"));
    shell.ok("pkill -f generate_data");
    Eventually.await(
        "clean stop",
        () -> shell.ok("cat ~/ringrift/ai-service/logs/selfplay.log"),
        log -> log.contains("finished"));
  }

  @Test
  void processToolsSeeOnlyTheirOwnHost() {
    SimHost other = fixture.attach(42, "RTX 3070", 1);
    try (HostShell otherShell = fixture.shell(other)) {
      shell.ok(START_WORKER);
      Eventually.await("GPUs busy", () -> minimum(shell.ok(UTILIZATION)), util -> util >= 80);
      assertEquals("0", otherShell.run("pgrep -c -f app.training.generate_data").line());
      assertTrue(maximum(otherShell.ok(UTILIZATION)) <= 3);
      otherShell.run("pkill -f generate_data");
      assertEquals("1", shell.ok("pgrep -c -f " + WORKER));
    }
  }

  @Test
  void patternsInCompoundCommandsMatchTheirOwnShellAsOnARealHost() {
    // RINGRIFT_SCRIPTS.md B9: bash runs a lone command by exec, but not a compound one.
    assertEquals("0", shell.run("pgrep -c -f generate_data").line());
    assertEquals("1", shell.ok("pgrep -c -f generate_data 2>/dev/null || echo 0"));
    assertEquals(
        "0",
        shell
            .ok("pgrep -c -f '[g]enerate_data' 2>/dev/null || echo 0")
            .lines()
            .findFirst()
            .orElseThrow());
    // B10: pkill -f in a compound command kills its own shell.
    assertEquals(143, shell.run("pkill -f p2p_orchestrator.py 2>/dev/null; echo done").exit());
  }

  static int minimum(String csv) {
    return csv.lines().mapToInt(Integer::parseInt).min().orElseThrow();
  }

  static int maximum(String csv) {
    return Arrays.stream(csv.split("\n")).mapToInt(Integer::parseInt).max().orElseThrow();
  }
}
