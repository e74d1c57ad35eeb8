package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.chat.command.CommandRouter;
import dev.vastbot.chat.command.ListCommand;
import dev.vastbot.chat.command.StatusCommand;
import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.work.WorkloadTable;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /vast status and /vast list answer from the shared snapshot and say how old it is. */
class SnapshotRepliesTest {
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider vast = new FakeGpuProvider().withRunningInstance(1, "RTX 4090");
  private final CachedFleetSnapshots snapshots =
      new CachedFleetSnapshots(vast, new InMemoryFleetStore(), clock, Duration.ofMinutes(2), Runnable::run);
  private final CommandRouter router = new CommandRouter(List.of(
      new StatusCommand(snapshots, new InMemoryFleetStore(), clock, List.of()),
      new ListCommand(snapshots, clock, new WorkloadTable(Map.of(), "square8"))));

  private String run(String line) throws InterruptedException {
    return new TextRenderer().render(router.route(line, Caller.console()));
  }

  @Test
  void statusAndList_showTheSnapshotsAge_andListNoMore() throws Exception {
    run("/vast list");
    clock.advance(Duration.ofSeconds(40));
    assertTrue(run("/vast status").contains("Fleet status (as of 40s ago)"));
    assertTrue(run("/vast list").startsWith("Instances (1, as of 40s ago)"));
    assertEquals(1, vast.listCount());
  }

  @Test
  void fresh_listsNow() throws Exception {
    run("/vast list");
    clock.advance(Duration.ofSeconds(40));
    vast.withRunningInstance(2, "RTX 3090");
    assertTrue(run("/vast list --fresh").startsWith("Instances (2, as of 0s ago)"));
    assertEquals(2, vast.listCount());
  }

  @Test
  void aStaleSnapshot_saysWhy() throws Exception {
    run("/vast list");
    clock.advance(Duration.ofMinutes(3));
    vast.failNextCall(new ProviderException(ProviderException.Reason.UNAVAILABLE, 503, "Vast API: Vast is unavailable"));
    run("/vast status");
    String status = run("/vast status");
    assertTrue(status.contains("(as of 3m ago (stale: the last refresh failed: Vast API: Vast is unavailable))"),
        status);
    assertTrue(status.contains("1 instance(s)"), "the last good fleet, not an empty one: " + status);
  }
}
