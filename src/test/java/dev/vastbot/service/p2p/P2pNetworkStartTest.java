package dev.vastbot.service.p2p;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.HostPort;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.p2p.P2pCommands;
import dev.vastbot.fleet.port.PeerDirectory;
import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.testing.FakeGpuProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
/** What {@link P2pNetwork#start} sends to a host when the peer directory holds a hostile entry. */
class P2pNetworkStartTest {
  private static final String HOSTILE_PEER = "100.70.1.2'; id > ~/owned; echo ':8770";
  private static final Instance NODE = new Instance(7, "x", "RTX 4090", 1, InstanceState.RUNNING, "running",
      "running", "running", "running", null, 0.4, 0.01, 50, false, new HostPort("127.0.0.1", 2222), null, null);

  private final RecordingShell shell = new RecordingShell();

  private P2pNetwork network(PeerDirectory directory) {
    var commands = new P2pCommands("run --node-id {node_id} --peers '{peers}'", 8770, "/health", "/tmp/p2p.log");
    return new P2pNetwork(dev.vastbot.fleet.port.FleetSnapshots.uncached(new FakeGpuProvider(), Clock.systemUTC()),
        shell, commands, directory,
        Duration.ofSeconds(5), new RejoinWait(Duration.ZERO, Clock.systemUTC(), duration -> { }),
        new dev.vastbot.ssh.BoundedHostJson());
  }

  @Test
  void start_leavesOutDirectoryPeersThatAreNotHostPort() throws Exception {
    network(node -> List.of(HOSTILE_PEER, "100.70.1.4:8770", "gpu-box:8771")).start(NODE, false);

    assertTrue(shell.commands.contains("run --node-id vast-7 --peers 100.70.1.4:8770,gpu-box:8771"),
        shell.commands.toString());
    assertTrue(shell.commands.stream().noneMatch(command -> command.contains("id >")), shell.commands.toString());
  }

  /** Answers every command with success and no output; remembers what it ran. */
  private static final class RecordingShell implements RemoteShell {
    final List<String> commands = new ArrayList<>();

    @Override
    public synchronized ShellOutcome run(SshTarget target, String command, Duration deadline) {
      commands.add(command);
      return ShellOutcome.completed(0, "", "", false, Duration.ZERO);
    }

    @Override
    public Map<Long, ShellOutcome> runOnAll(List<SshTarget> targets, String command, Duration deadline) {
      return Map.of();
    }

    @Override
    public void close() {}
  }
}
