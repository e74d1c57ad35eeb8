package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.service.termination.Terminator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The autoscaler's chat commands in the demo world (the simulated Vast API over HTTP, simulated
 * hosts over SSH, their P2P orchestrators reporting the cluster's work queue): {@code /vast
 * policy} says what each group would do now from the orchestrators' pending games, {@code /vast
 * scale-up N} rents within the group's limits, {@code /vast scale-down} asks for an approval
 * before anything is terminated, and a group whose demand cannot be read scales nothing down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutoscalerCommandsTest {
  private Path configDir;
  private DemoWorld world;

  @BeforeAll
  void start() throws Exception {
    configDir = Files.createTempDirectory("vastbot-autoscaler-commands-");
    Files.writeString(configDir.resolve("vastbot.yaml"), """
        autoscaler:
          groups:
            selfplay-4090:
              min_instances: 0
              max_instances: 3
              gpu_types: [RTX 4090]
              games_per_hour: {RTX 4090: 300}
              max_price: 2.0
            training:
              min_instances: 0
              max_instances: 1
              gpu_types: [H100 SXM]
              demand: {source: file, file: %s}
        """.formatted(configDir.resolve("no-such-queue")));
    var config = ConfigLoader.load(configDir, Map.of(), configDir);
    world = DemoWorld.start(config, 13, Clock.systemUTC());
    String provisioned = run("/vast provision --gpu-type RTX_4090 --count 2");
    assertTrue(provisioned.contains("OK: 2 new instance(s) running."), provisioned);
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void policySaysWhatEachGroupWouldDoNow_fromTheOrchestratorsWorkQueue() throws Exception {
    world.hosts().setPendingGames(3000);

    String policy = run("/vast policy");

    assertTrue(policy.contains("(3000 games / ") && policy.contains("games/h) above the 1.00 h scale-up threshold"),
        policy);
    assertTrue(policy.contains("training: window"), policy);
  }

  @Test
  void scaleUpRentsWithinTheGroupsMaximum_andScaleDownAsksForApprovalFirst() throws Exception {
    world.hosts().setPendingGames(0);
    String up = run("/vast scale-up 5");
    assertTrue(up.contains("selfplay-4090: up: asked for 5 more"), up);
    assertTrue(up.contains("1 of 5 wanted (maximum 3"), up);
    assertTrue(up.contains("rented 1 of 1"), up);
    assertEquals(3, world.bot().provider().listInstances().size(), up);

    // what a scale-down may take is what the health sweep reached (never probed counts as busy)
    world.bot().loops().stream().filter(loop -> loop.name().equals("health")).findFirst().orElseThrow().runOnce();
    String down = run("/vast scale-down 1 --group selfplay-4090");

    assertTrue(down.contains("selfplay-4090: down: asked for 1 fewer"), down);
    assertTrue(down.contains("awaits approval"), down);
    var open = world.bot().store().openOperations(Terminator.KIND);
    assertEquals(1, open.size(), down);
    assertEquals(OperationState.AWAITING_APPROVAL, open.get(0).state());
    assertEquals(3, world.bot().provider().listInstances().size(), "nothing destroyed before approval");
    String again = run("/vast scale-down 1");
    var both = world.bot().store().openOperations(Terminator.KIND);
    assertEquals(2, both.size(), again);
    assertTrue(!both.get(0).target().equals(both.get(1).target()),
        "an instance already leaving is not chosen again: " + again);
  }

  @Test
  void afterAHealthSweepTheGamesTheProbesCountedAreTheCapacity_notTheTable() throws Exception {
    world.hosts().setPendingGames(3000);
    world.bot().loops().stream().filter(loop -> loop.name().equals("health")).findFirst().orElseThrow().runOnce();
    long instances = world.bot().provider().listInstances().size();

    String policy = run("/vast policy");

    var capacity = java.util.regex.Pattern.compile("\\(3000 games / (\\d+) games/h\\)").matcher(policy);
    assertTrue(capacity.find(), policy);
    long measured = Long.parseLong(capacity.group(1));
    assertTrue(measured > 0 && measured < 300 * instances,
        "the simulated hosts make fewer games than the table's 300 an hour each: " + policy);
  }

  @Test
  void aGroupWhoseDemandCannotBeReadScalesNothingDown_andSaysWhy() throws Exception {
    String tick = run("/vast autoscale --dry-run");

    assertTrue(tick.contains("demand unavailable (" + configDir.resolve("no-such-queue") + " does not exist)"),
        tick);
    assertTrue(tick.contains("dry run: nothing done"), tick);
  }

  @Test
  void badCountsAndGroupsAreRefusedWithTheUsage() throws Exception {
    String zero = run("/vast scale-up 0");
    String words = run("/vast scale-down many");
    String group = run("/vast scale-up 1 --group nope");

    assertTrue(zero.contains("'0' is not a count from 1 to 20"), zero);
    assertTrue(words.contains("'many' is not a count from 1 to 20"), words);
    assertTrue(group.contains("no autoscaler group nope (groups: selfplay-4090, training)"), group);
  }

  private String run(String line) throws InterruptedException {
    return new TextRenderer().render(world.bot().router().route(line, Caller.console()));
  }
}
