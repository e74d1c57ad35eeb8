package dev.vastbot.sim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logging in over real SSH and running real shell commands on a simulated host. */
class HostSshTest {
  @TempDir Path root;
  FleetFixture fixture;
  SimHost host;

  @BeforeEach
  void attach() {
    fixture = new FleetFixture(root);
    host = fixture.attach(7, "RTX 4090", 1);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void authorizedKeyRunsCommandsInTheHostHome() {
    try (HostShell shell = fixture.shell(host)) {
      assertEquals("ok", shell.ok("echo ok"));
      assertEquals(host.home().toString(), shell.ok("pwd"));
      assertEquals(
          host.home() + " root 7 " + host.p2pPort(),
          shell.ok("echo $HOME $USER $SIM_HOST_ID $RINGRIFT_P2P_PORT"));
      assertEquals(
          host.home().resolve(".sim/bin") + ":/usr/local/bin:/usr/bin:/bin",
          shell.ok("echo $PATH"));
    }
  }

  @Test
  void exitStatusStdinAndStderrReachTheClient() {
    try (HostShell shell = fixture.shell(host)) {
      var outcome = shell.run("echo out; echo err >&2; exit 3");
      assertEquals(new HostShell.Outcome(3, "out\n", "err\n"), outcome);
      assertEquals(127, shell.run("no-such-tool-here").exit());
      assertEquals(new HostShell.Outcome(0, "2\n", ""), shell.run("wc -l", "one\ntwo\n"));
    }
  }

  @Test
  void keyNotAuthorizedIsRefused() {
    var stranger = FleetFixture.ed25519();
    assertThrows(
        IOException.class,
        () -> HostShell.login(host.sshPort(), stranger, Duration.ofSeconds(5)).close());
  }

  @Test
  void authorizedKeysAreReadAtLoginTime() {
    var later = FleetFixture.ed25519();
    fixture.authorized.put(7L, List.of("# comment", "not a key", FleetFixture.line(later)));
    try (HostShell shell = HostShell.login(host.sshPort(), later)) {
      assertEquals("ok", shell.ok("echo ok"));
    }
  }

  @Test
  void backgroundedCommandWithRedirectedOutputDoesNotHoldTheChannel() {
    try (HostShell shell = fixture.shell(host)) {
      long started = System.nanoTime();
      shell.ok("nohup sleep 60 > /dev/null 2>&1 & echo started");
      assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5);
      assertEquals("1", shell.ok("pgrep -c -x sleep"));
    }
  }
}
