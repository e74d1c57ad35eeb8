package dev.vastbot.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.config.DistributedHostsFile;
import dev.vastbot.fleet.p2p.P2pCommands;
import dev.vastbot.testing.LocalBash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** distributed_hosts.yaml is edited by hand and by other tools: its bad peers are skipped, loudly. */
class HostsFilePeersTest {
  private static final String HOSTILE_IP = "100.70.1.2'; id > ~/owned; echo '";
  private static final String HOSTS = """
      hosts:
        gpu-box-1:
          p2p_enabled: true
          tailscale_ip: 100.70.1.1
        gpu-box-2:
          p2p_enabled: true
          tailscale_ip: "100.70.1.4"
          p2p_port: 8771
        gpu-box-3:
          p2p_enabled: true
          tailscale_ip: "100.70.1.2'; id > ~/owned; echo '"
        gpu-box-4:
          p2p_enabled: true
          tailscale_ip: 100.70.1.5
          p2p_port: "8770; id > ~/owned"
        gpu-box-5:
          p2p_enabled: true
          tailscale_ip: 100.70.1.6
          p2p_port: 0
        "gpu-box-6\\nFORGED: a log line":
          p2p_enabled: true
          tailscale_ip: "100.70.1.7\\n$(id)"
        gpu-box-7:
          p2p_enabled: true
          tailscale_ip: {nested: 1}
        laptop:
          tailscale_ip: 100.70.1.8
        v6-box:
          p2p_enabled: true
          tailscale_ip: "fd7a:115c:a1e0::9"
      vast_instances:
        - id: 1
          hostname: vast-1
          tailscale_ip: 100.64.0.1
          status: running
        - id: 2
          hostname: vast-2
          tailscale_ip: "100.64.0.2`id > ~/owned`"
          status: running
        - id: 3
          hostname: vast-3
          tailscale_ip: 100.64.0.3
          status: gone
      """;

  @TempDir Path folder;
  private final List<String> warnings = new ArrayList<>();

  private HostsFilePeers peersFrom(String yaml) throws Exception {
    Path file = Files.writeString(folder.resolve("distributed_hosts.yaml"), yaml);
    return new HostsFilePeers(DistributedHostsFile.at(file), 8770, warnings::add);
  }

  @Test
  void keepsTheHonestPeers_andSkipsEveryOneThatIsNotAnIpAndPort() throws Exception {
    var peers = peersFrom(HOSTS).peersFor("vast-9");

    assertEquals(List.of("100.70.1.1:8770", "100.70.1.4:8771", "[fd7a:115c:a1e0::9]:8770", "100.64.0.1:8770"),
        peers);
  }

  @Test
  void warnsNamingTheFileTheEntryAndTheValue() throws Exception {
    peersFrom(HOSTS).peersFor("vast-9");

    String file = folder.resolve("distributed_hosts.yaml").toString();
    assertEquals(List.of(
        file + ": hosts.gpu-box-3: tailscale_ip '" + HOSTILE_IP + "' is not an IP address; peer skipped",
        file + ": hosts.gpu-box-4: p2p_port '8770; id > ~/owned' is not a port (1-65535); peer skipped",
        file + ": hosts.gpu-box-5: p2p_port '0' is not a port (1-65535); peer skipped",
        file + ": hosts.gpu-box-6\\x0aFORGED: a log line: tailscale_ip '100.70.1.7\\x0a$(id)' is not an IP address;"
            + " peer skipped",
        file + ": hosts.gpu-box-7: tailscale_ip '{\"nested\":1}' is not an IP address; peer skipped",
        file + ": vast_instances[1] (vast-2): tailscale_ip '100.64.0.2`id > ~/owned`' is not an IP address;"
            + " peer skipped"),
        warnings);
    warnings.forEach(warning -> assertFalse(warning.contains("\n"), warning));
  }

  @Test
  void capsTheValueShownInAWarning() throws Exception {
    String longIp = "100.70.1.2" + "'; id".repeat(100);
    peersFrom("hosts:\n  gpu-box-3:\n    p2p_enabled: true\n    tailscale_ip: \"" + longIp + "\"\n").peersFor("x");

    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("tailscale_ip '" + longIp.substring(0, 80) + "…' is not an IP address"),
        warnings.get(0));
  }

  @Test
  void anUnreadableVastInstancesSection_costsItsPeersOnly() throws Exception {
    var peers = peersFrom("hosts:\n  a:\n    p2p_enabled: true\n    tailscale_ip: 100.70.1.1\n"
        + "vast_instances:\n  - id: two\n").peersFor("x");

    assertEquals(List.of("100.70.1.1:8770"), peers);
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("vast_instances not readable"), warnings.get(0));
  }

  @Test
  void theStartCommandMadeFromTheFile_runsNoInjectedCommand() throws Exception {
    var peers = peersFrom(HOSTS).peersFor("vast-9");
    var commands = new P2pCommands(LocalBash.SHOW_ARGS + "args --node-id {node_id} --peers '{peers}'", 8770,
        "/health", "/tmp/p2p.log");

    var ran = LocalBash.run(folder, commands.startCommand("vast-9", peers));

    assertEquals("<--node-id><vast-9><--peers><" + String.join(",", peers) + ">\n", ran.stdout());
    assertFalse(Files.exists(folder.resolve("owned")));
  }
}
