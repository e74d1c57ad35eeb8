package dev.vastbot.fleet.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.service.p2p.P2pNetwork;
import dev.vastbot.testing.FakeGpuProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
/** The cluster's pending games from the orchestrators' {@code /status}, each answer hostile input. */
class P2pPendingGamesTest {
  private final FakeGpuProvider provider = new FakeGpuProvider();
  private final Map<Long, String> answers = new HashMap<>();

  @Test
  void theMedianOfTheAnswersCounts_soOneLyingHostCannotMoveIt() {
    answer(1, 400);
    answer(2, 420);
    answer(3, "1e9");

    var pending = network().pendingGames();

    assertEquals(420, pending.games().getAsDouble());
    assertTrue(pending.detail().contains("median of 3"), pending.detail());
  }

  @Test
  void onlyAFiniteNonNegativeNumberCounts() {
    answer(1, "-3");
    answer(2, "\"many\"");
    answer(3, "1e12");
    answers.put(4L, "[[[[");

    var pending = network().pendingGames();

    assertTrue(pending.games().isEmpty());
    assertEquals("no /status of 3 gave work_queue.by_status.pending", pending.detail());
  }

  @Test
  void noAnswerSaysSo() {
    provider.withReachableInstance(1, "RTX 4090");

    assertEquals("no orchestrator answered /status", network().pendingGames().detail());
  }

  private void answer(long id, Object pending) {
    answers.put(id, "{\"node_id\": \"vast-" + id + "\", \"work_queue\": {\"by_status\": {\"pending\": " + pending + "}}}");
  }

  private P2pNetwork network() {
    answers.keySet().forEach(id -> provider.withReachableInstance(id, "RTX 4090"));
    var commands = new P2pCommands("run", 8770, "/health", "/tmp/p2p.log");
    RemoteShell shell = new RemoteShell() {
      @Override
      public ShellOutcome run(SshTarget target, String command, Duration deadline) {
        throw new AssertionError("one command for all");
      }

      @Override
      public Map<Long, ShellOutcome> runOnAll(List<SshTarget> targets, String command, Duration deadline) {
        var outcomes = new HashMap<Long, ShellOutcome>();
        answers.forEach((id, text) -> outcomes.put(id, ShellOutcome.completed(0, text, "", false, Duration.ZERO)));
        return outcomes;
      }

      @Override
      public void close() {}
    };
    return new P2pNetwork(FleetSnapshots.uncached(provider, Clock.systemUTC()), shell, commands, node -> List.of(),
        Duration.ofSeconds(5),
        new dev.vastbot.service.p2p.RejoinWait(Duration.ZERO, Clock.systemUTC(), duration -> { }),
        new dev.vastbot.ssh.BoundedHostJson());
  }
}
