package dev.vastbot.fleet.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.remote.UnsafeValueException;
import dev.vastbot.testing.LocalBash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestrator's commands, run through a real {@code bash -c} with stand-ins for the programs. */
class P2pCommandsTest {
  /** The injection from the issue, as a peer address from distributed_hosts.yaml. */
  private static final String HOSTILE_PEER = "100.70.1.2'; id > ~/owned; echo ':8770";
  private static final List<String> PEERS = List.of("100.70.1.2:8770", "gpu-box-3:8771", "[fd7a::1]:8770");
  private static final String START = LocalBash.SHOW_ARGS
      + "args --node-id {node_id} --port ${RINGRIFT_P2P_PORT:-{port}} --peers ";

  @TempDir Path home;

  private static P2pCommands commands(String startTemplate) {
    return new P2pCommands(startTemplate, 8770, "/health", "/tmp/p2p.log");
  }

  @Test
  void startCommand_passesThePeersAsOneWord_forQuotedAndBarePlaceholders() throws Exception {
    // A file the unquoted peer list would match as a glob ([fd7a::1] is a bracket expression).
    Files.createFile(home.resolve("100.70.1.2:8770,gpu-box-3:8771,a:8770"));
    for (String peers : List.of("'{peers}'", "\"{peers}\"", "{peers}")) {
      String command = commands(START + peers).startCommand("vast-7", PEERS);

      var ran = LocalBash.run(home, command);

      assertEquals("<--node-id><vast-7><--port><8770><--peers><" + String.join(",", PEERS) + ">\n", ran.stdout(),
          command);
    }
  }

  @Test
  void startCommand_withNoPeers_passesAnEmptyWord() throws Exception {
    for (String peers : List.of("'{peers}'", "\"{peers}\"", "{peers}")) {
      var ran = LocalBash.run(home, commands(START + peers + " end").startCommand("vast-7", List.of()));

      assertEquals("<--node-id><vast-7><--port><8770><--peers><><end>\n", ran.stdout(), peers);
    }
  }

  @Test
  void startCommand_refusesAPeerThatIsNotHostPort_insteadOfBuildingACommand() {
    var commands = commands(START + "'{peers}'");

    var refused = assertThrows(UnsafeValueException.class,
        () -> commands.startCommand("vast-7", List.of("100.70.1.3:8770", HOSTILE_PEER)));

    assertEquals("'" + HOSTILE_PEER + "' is not a peer address (host:port)", refused.getMessage());
    for (String peer : List.of("100.70.1.2:8770 --evil", "$(id):8770", "100.70.1.2:8770\nid", "100.70.1.2")) {
      assertThrows(UnsafeValueException.class, () -> commands.startCommand("vast-7", List.of(peer)), peer);
    }
  }

  @Test
  void startCommand_refusesANodeIdThatIsNotOne() {
    var commands = commands(START + "{peers}");

    for (String nodeId : List.of("", "vast-7; id", "$(id)", "-rf", "vast 7")) {
      assertThrows(UnsafeValueException.class, () -> commands.startCommand(nodeId, PEERS), nodeId);
    }
  }

  @Test
  void aStartTemplateWhoseQuotesDoNotBalance_isRefusedUpFront() {
    assertThrows(IllegalArgumentException.class, () -> commands("run --peers '{peers}"));
  }

  @Test
  void addPeersCommand_postsEachPeerAsIntactJson() throws Exception {
    String command = commands("true").addPeersCommand(List.of(new P2pCommands.Peer("vast-2", "100.64.0.2", 8770),
        new P2pCommands.Peer("gpu-box-3", "gpu-box-3.tailnet.ts.net", 8771)));

    var ran = LocalBash.run(home, LocalBash.SHOW_ARGS + "curl() { args \"$@\"; }\n" + command);

    String curl = "<-s><-m><3><-X><POST><-H><Content-Type: application/json><-d>";
    String url = "<http://127.0.0.1:8770/admin/add_peer>\n\n";
    assertEquals(curl + "<{\"node_id\":\"vast-2\",\"address\":\"100.64.0.2\",\"port\":8770}>" + url
        + curl + "<{\"node_id\":\"gpu-box-3\",\"address\":\"gpu-box-3.tailnet.ts.net\",\"port\":8771}>" + url,
        ran.stdout());
    assertEquals(0, ran.exitCode());
  }

  @Test
  void aPeerToAnnounce_isCheckedWhenMade() {
    for (String nodeId : List.of("vast-2\",\"admin\":true,\"x\":\"", "vast-2'; id; '", "")) {
      assertThrows(UnsafeValueException.class, () -> new P2pCommands.Peer(nodeId, "100.64.0.2", 8770), nodeId);
    }
    var refused = assertThrows(UnsafeValueException.class,
        () -> new P2pCommands.Peer("vast-2", "100.64.0.2'; id; '", 8770));
    assertTrue(refused.getMessage().endsWith("is not an IP address nor a host name"), refused.getMessage());
    assertThrows(UnsafeValueException.class, () -> new P2pCommands.Peer("vast-2", "100.64.0.2", 0));
  }

  @Test
  void jsonStrings_escapeQuotesBackslashesAndControlCharacters() {
    assertEquals("\"a\\\"b\\\\c\\u000ad\"", P2pCommands.jsonString("a\"b\\c\nd"));
    assertFalse(P2pCommands.jsonString("x").contains("'"));
  }
}
