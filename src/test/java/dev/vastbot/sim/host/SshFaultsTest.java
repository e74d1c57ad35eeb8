package dev.vastbot.sim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.testing.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSH-level faults, and what detach and re-attach do to a host. */
class SshFaultsTest {
  @TempDir Path root;
  FleetFixture fixture;
  SimHost host;

  @BeforeEach
  void attach() {
    fixture = new FleetFixture(root);
    host = fixture.attach(81, "RTX 4090", 1);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void hangingHostAcceptsConnectionsButNeverSpeaksSsh() throws IOException {
    int port = host.sshPort();
    host.faults().sshHang(true);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      socket.setSoTimeout(500);
      InputStream in = socket.getInputStream();
      assertThrows(SocketTimeoutException.class, in::read, "no SSH banner");
    }
    assertThrows(
        Exception.class, () -> HostShell.login(port, fixture.key, Duration.ofMillis(700)).close());

    host.faults().sshHang(false);
    assertEquals(port, host.sshPort());
    try (HostShell shell = fixture.shell(host)) {
      assertEquals("ok", shell.ok("echo ok"));
    }
  }

  @Test
  void changedHostKeyIsPresentedOnTheSamePort() {
    int port = host.sshPort();
    String before = host.hostKeyFingerprint();
    try (HostShell shell = fixture.shell(host)) {
      assertEquals(before, KeyUtils.getFingerPrint(shell.serverKey()));
    }
    host.faults().hostKeyChanged();
    String after = host.hostKeyFingerprint();
    assertNotEquals(before, after);
    assertEquals(port, host.sshPort());
    try (HostShell shell = fixture.shell(host)) {
      assertEquals(after, KeyUtils.getFingerPrint(shell.serverKey()));
    }
  }

  @Test
  void detachKillsTheHostsProcessesAndClosesThePort() {
    long workerPid;
    try (HostShell shell = fixture.shell(host)) {
      shell.ok(SelfPlayWorkerTest.START_WORKER);
      shell.ok(P2pOrchestratorTest.start(81, ""));
      workerPid =
          Long.parseLong(
              Eventually.await(
                  "worker pid",
                  () -> shell.run("pgrep -f " + SelfPlayWorkerTest.WORKER).line(),
                  pid -> !pid.isEmpty()));
      assertEquals(
          "1",
          Eventually.await(
              "orchestrator",
              () -> shell.run("pgrep -c -f '^python3 scripts/p2p_orchestrator[.]py'").line(),
              "1"::equals));
    }
    int port = host.sshPort();
    fixture.fleet.detach(81);
    assertFalse(host.attached());
    // SIGKILL is sent by detach; the processes are gone a moment later
    Eventually.await("worker dead", () -> alive(workerPid), alive -> !alive);
    var processes = new HostProcesses(host.home().toString());
    Eventually.await("no host process", () -> processes.matching(argv -> true), List::isEmpty);
    assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
  }

  @Test
  void reattachKeepsTheFolderAndHostKey() {
    String key = host.hostKeyFingerprint();
    String address = host.tailscaleIp();
    try (HostShell shell = fixture.shell(host)) {
      shell.ok("echo kept > ~/marker");
    }
    fixture.fleet.detach(81);
    fixture.fleet.attach(81, "RTX 4090", 1);
    assertTrue(host.attached());
    assertEquals(key, host.hostKeyFingerprint());
    assertEquals(address, host.tailscaleIp());
    try (HostShell shell = fixture.shell(host)) {
      assertEquals("kept", shell.ok("cat ~/marker"));
      assertEquals(key, KeyUtils.getFingerPrint(shell.serverKey()));
    }
  }

  /** Alive and not a zombie waiting to be reaped. */
  static boolean alive(long pid) {
    try {
      String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException e) {
      return false;
    }
  }
}
