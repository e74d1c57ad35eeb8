package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.HostPort;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.ShellOutcome.Failure;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinaRemoteShellTest {
  static final Duration DEADLINE = Duration.ofSeconds(5);
  static final Duration BOUND = Duration.ofSeconds(5);
  private static final KeyPair HOST_KEY = TestKeys.ed25519();
  private static final KeyPair CLIENT_KEY = TestKeys.ed25519();

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.atEpochDay();
  private final InMemoryHostKeyPins pins = new InMemoryHostKeyPins();
  private Path keyFile;
  private TestSshServer server;
  private MinaRemoteShell shell;

  @BeforeEach
  void startServerAndShell() {
    keyFile = TestKeys.writeOpenSsh(CLIENT_KEY, dir.resolve("vast_key"));
    server = TestSshServer.start(HOST_KEY, CLIENT_KEY.getPublic());
    shell = MinaRemoteShell.start(SshSettings.defaults(keyFile), pins, clock);
  }

  @AfterEach
  void stop() {
    shell.close();
    server.close();
  }

  @Test
  void runsACommandAndReportsItsOutputAndExitCode() {
    ShellOutcome echo = shell.run(server.target(1), "echo hello", DEADLINE);
    ShellOutcome exit = shell.run(server.target(1), "exit 7", DEADLINE);
    ShellOutcome complaint = shell.run(server.target(1), "complain disk full", DEADLINE);

    assertTrue(echo.succeeded(), echo.message());
    assertEquals("hello\n", echo.stdout());
    assertEquals("", echo.stderr());
    assertFalse(echo.truncated());
    assertTrue(exit.completed() && !exit.succeeded());
    assertEquals(7, exit.exitCode());
    assertEquals(2, complaint.exitCode());
    assertEquals("disk full", complaint.stderr());
  }

  @Test
  void keepsOnlyTheFirstBytesOfLargeOutputAndSaysItWasCut() {
    shell.close();
    shell = MinaRemoteShell.start(SshSettings.defaults(keyFile).withMaxOutputBytes(1000), pins,
        clock);

    ShellOutcome outcome = shell.run(server.target(1), "bytes 300000", DEADLINE);

    assertTrue(outcome.succeeded(), outcome.message());
    assertEquals("x".repeat(1000), outcome.stdout());
    assertEquals("x".repeat(1000), outcome.stderr());
    assertTrue(outcome.truncated());
  }

  @Test
  void closesTheChannelOfACommandThatOutlivesItsDeadline() throws InterruptedException {
    ShellOutcome outcome = shell.run(server.target(1), "hang", Duration.ofSeconds(1));

    assertEquals(Failure.TIMEOUT, outcome.failure());
    assertTrue(outcome.message().contains("did not finish within its deadline"),
        outcome.message());
    assertTrue(outcome.took().compareTo(Duration.ofMillis(1500)) < 0, outcome.took()::toString);
    assertTrue(server.commands().awaitHangEnded(BOUND), "the command still runs on the server");
  }

  @Test
  void reportsAClosedPortAsUnreachable() throws IOException {
    int closedPort;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    var target = new SshTarget(5, new HostPort("127.0.0.1", closedPort));

    ShellOutcome outcome = shell.run(target, "echo hi", DEADLINE);

    assertEquals(Failure.UNREACHABLE, outcome.failure());
    assertEquals(target + ": could not connect: connection refused", outcome.message());
  }

  @Test
  void givesUpWithinTheDeadlineOnAHostThatNeverSpeaksSsh() throws IOException {
    try (var silent = new SilentServer()) {
      ShellOutcome outcome = shell.run(silent.target(6), "echo hi", Duration.ofMillis(1500));

      assertEquals(Failure.SSH_ERROR, outcome.failure());
      assertTrue(outcome.message().contains("connected, but no SSH server answered within 1."),
          outcome.message());
      assertTrue(outcome.took().compareTo(Duration.ofMillis(2000)) < 0, outcome.took()::toString);
    }
  }

  @Test
  void reportsARefusedKeyAsAuthRefusedNotUnreachable() {
    try (var stranger = TestSshServer.start(HOST_KEY, TestKeys.ed25519().getPublic())) {
      ShellOutcome outcome = shell.run(stranger.target(123), "echo hi", DEADLINE);

      assertEquals(Failure.AUTH_REFUSED, outcome.failure());
      assertEquals("vast-123 (127.0.0.1:" + stranger.port() + "): the server refused our key "
          + "(VAST_SSH_KEY: " + keyFile + ")", outcome.message());
    }
  }

  @Test
  void logsInWithAnRsaKey() {
    KeyPair rsa = TestKeys.rsa();
    Path rsaFile = TestKeys.writeOpenSsh(rsa, dir.resolve("vast_rsa"));
    try (var rsaServer = TestSshServer.start(HOST_KEY, rsa.getPublic());
        var rsaShell = MinaRemoteShell.start(SshSettings.defaults(rsaFile), pins, clock)) {
      ShellOutcome outcome = rsaShell.run(rsaServer.target(1), "echo rsa", DEADLINE);

      assertEquals("rsa\n", outcome.stdout(), outcome.message());
      assertTrue(rsaShell.publicKey().startsWith("ssh-rsa AAAA"));
    }
  }

  @Test
  void offersTheClientKeyInOpenSshFormToRegisterWithVast() {
    assertEquals(SshKeys.openSshPublicKey(CLIENT_KEY.getPublic()), shell.publicKey());
  }

  @Test
  void pinsTheHostKeyOnFirstConnect() {
    shell.run(server.target(42), "echo hi", DEADLINE);

    var pin = pins.pin(42).orElseThrow();
    assertEquals(SshKeys.openSshPublicKey(HOST_KEY.getPublic()), pin.publicKey());
    assertEquals(clock.instant(), pin.at());
  }

  @Test
  void refusesAChangedHostKeyButPinsANewInstanceOnTheSameAddress() {
    assertTrue(shell.run(server.target(1), "echo hi", DEADLINE).succeeded());
    int port = server.port();
    server.close();
    KeyPair rebuiltHostKey = TestKeys.ed25519();
    server = TestSshServer.startOn(port, rebuiltHostKey, CLIENT_KEY.getPublic());

    ShellOutcome sameInstance = shell.run(server.target(1), "echo hi", DEADLINE);
    ShellOutcome newInstance = shell.run(server.target(2), "echo hi", DEADLINE);

    assertEquals(Failure.HOST_KEY_CHANGED, sameInstance.failure(), sameInstance.message());
    assertTrue(sameInstance.message().contains("pinned " + SshKeys.fingerprint(HOST_KEY.getPublic())
        + ", presented " + SshKeys.fingerprint(rebuiltHostKey.getPublic())),
        sameInstance.message());
    assertTrue(newInstance.succeeded(), newInstance.message());
    assertEquals(SshKeys.openSshPublicKey(HOST_KEY.getPublic()), pins.pinnedKey(1).orElseThrow());
    assertEquals(SshKeys.openSshPublicKey(rebuiltHostKey.getPublic()),
        pins.pinnedKey(2).orElseThrow());
  }

  @Test
  void reusesTheSessionForTheNextCommand() {
    shell.run(server.target(1), "echo one", DEADLINE);
    ShellOutcome second = shell.run(server.target(1), "echo two", DEADLINE);

    assertEquals("two\n", second.stdout());
    assertEquals(1, server.sessionsOpened());
    assertEquals(1, shell.openSessions());
  }

  @Test
  void letsConcurrentCommandsShareTheSession() {
    shell.run(server.target(1), "echo warm", DEADLINE);

    var outcomes = IntStream.range(0, 4).parallel()
        .mapToObj(i -> shell.run(server.target(1), "echo " + i, DEADLINE)).toList();

    assertTrue(outcomes.stream().allMatch(ShellOutcome::succeeded), outcomes::toString);
    assertEquals(1, server.sessionsOpened());
  }

  @Test
  void closesASessionIdleLongerThanTheIdleTimeout() throws InterruptedException {
    shell.run(server.target(1), "echo one", DEADLINE);
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));

    shell.run(server.target(1), "echo two", DEADLINE);

    assertEquals(2, server.sessionsOpened());
    assertTrue(server.awaitSessionsClosed(1, BOUND), "the idle session stays open");
  }

  @Test
  void dropsTheSessionAfterAFailedCommand() {
    shell.run(server.target(1), "hang", Duration.ofMillis(300));

    ShellOutcome next = shell.run(server.target(1), "echo fresh", DEADLINE);

    assertTrue(next.succeeded(), next.message());
    assertEquals(2, server.sessionsOpened());
  }

  @Test
  void replacesAKeptSessionThatStoppedOpeningChannels() {
    shell.run(server.target(1), "echo one", DEADLINE);
    server.refuseChannelsOnOpenSessions();

    ShellOutcome outcome = shell.run(server.target(1), "echo two", DEADLINE);

    assertEquals("two\n", outcome.stdout(), outcome.message());
    assertEquals(2, server.sessionsOpened());
  }

  @Test
  void reconnectsAfterTheServerRestarted() {
    shell.run(server.target(1), "echo one", DEADLINE);
    int port = server.port();
    server.close();
    server = TestSshServer.startOn(port, HOST_KEY, CLIENT_KEY.getPublic());

    ShellOutcome outcome = shell.run(server.target(1), "echo two", DEADLINE);

    assertTrue(outcome.succeeded(), outcome.message());
  }

  @Test
  void doesNotRetryACommandThatMayHaveRun() {
    shell.run(server.target(1), "echo warm", DEADLINE);

    ShellOutcome outcome = shell.run(server.target(1), "hang", Duration.ofMillis(300));

    assertEquals(Failure.TIMEOUT, outcome.failure());
    assertEquals(1, server.sessionsOpened());
  }

  @Test
  void closeEndsEverySessionAndRefusesFurtherWork() throws InterruptedException {
    shell.run(server.target(1), "echo one", DEADLINE);
    shell.run(server.target(2), "echo two", DEADLINE);

    shell.close();

    assertTrue(server.awaitSessionsClosed(2, BOUND), "sessions stay open after close");
    assertThrows(IllegalStateException.class,
        () -> shell.run(server.target(1), "echo hi", DEADLINE));
  }
}
