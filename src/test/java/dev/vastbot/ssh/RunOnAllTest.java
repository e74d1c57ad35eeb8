package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.ShellOutcome.Failure;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.testing.MutableClock;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOnAllTest {
  private static final KeyPair HOST_KEY = TestKeys.ed25519();
  private static final KeyPair CLIENT_KEY = TestKeys.ed25519();
  private static final Duration BOUND = Duration.ofSeconds(5);

  @TempDir Path dir;
  private final List<TestSshServer> servers = new ArrayList<>();
  private SshSettings settings;

  @BeforeEach
  void writeKey() {
    settings = SshSettings.defaults(TestKeys.writeOpenSsh(CLIENT_KEY, dir.resolve("vast_key")));
  }

  @AfterEach
  void stopServers() {
    servers.forEach(TestSshServer::close);
  }

  @Test
  void answersForEveryHostByTheDeadlineEvenIfOneHangs() throws Exception {
    var targets = new ArrayList<SshTarget>();
    for (long id = 1; id <= 19; id++) {
      targets.add(startServer().target(id));
    }
    try (var silent = new SilentServer(); var shell = startShell(settings)) {
      targets.add(10, silent.target(100));
      Duration deadline = Duration.ofSeconds(2);

      long started = System.nanoTime();
      Map<Long, ShellOutcome> outcomes = shell.runOnAll(targets, "echo ok", deadline);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertTrue(took.compareTo(deadline.plus(FanOut.GRACE)) <= 0, took::toString);
      assertEquals(targets.stream().map(SshTarget::instanceId).toList(),
          List.copyOf(outcomes.keySet()));
      assertEquals(Failure.SSH_ERROR, outcomes.get(100L).failure(), outcomes.get(100L)::message);
      outcomes.forEach((id, outcome) -> assertTrue(id == 100 || outcome.stdout().equals("ok\n"),
          () -> id + ": " + outcome.message()));
    }
  }

  @Test
  void runsNoMoreCommandsAtOnceThanTheFanOut() throws InterruptedException {
    TestSshServer server = startServer();
    var targets = IntStream.rangeClosed(1, 6).mapToObj(server::target).toList();
    try (var shell = startShell(settings.withFanOut(3))) {
      var running = CompletableFuture.supplyAsync(
          () -> shell.runOnAll(targets, "gate", Duration.ofSeconds(10)));

      assertTrue(server.commands().awaitArrivalsAtGate(3, BOUND), "fewer than 3 started");
      server.commands().openGate();

      assertTrue(running.join().values().stream().allMatch(ShellOutcome::succeeded));
      assertEquals(3, server.commands().mostAtGate());
    }
  }

  @Test
  void reportsHostsStillQueuedAtTheDeadlineAsTimedOut() throws Exception {
    TestSshServer server = startServer();
    try (var silent = new SilentServer(); var shell = startShell(settings.withFanOut(1))) {
      var targets = List.of(silent.target(1), server.target(2));

      Map<Long, ShellOutcome> outcomes = shell.runOnAll(targets, "echo ok", Duration.ofSeconds(1));

      assertEquals(Failure.SSH_ERROR, outcomes.get(1L).failure());
      assertEquals(Failure.TIMEOUT, outcomes.get(2L).failure());
      assertTrue(outcomes.get(2L).message().contains("not started"), outcomes.get(2L)::message);
    }
  }

  @Test
  void refusesTheSameInstanceTwice() {
    TestSshServer server = startServer();
    try (var shell = startShell(settings)) {
      var twice = List.of(server.target(1), server.target(1));

      var error = assertThrows(IllegalArgumentException.class,
          () -> shell.runOnAll(twice, "echo ok", BOUND));
      assertEquals("instance 1 listed twice", error.getMessage());
    }
  }

  private TestSshServer startServer() {
    TestSshServer server = TestSshServer.start(HOST_KEY, CLIENT_KEY.getPublic());
    servers.add(server);
    return server;
  }

  private MinaRemoteShell startShell(SshSettings shellSettings) {
    return MinaRemoteShell.start(shellSettings, new InMemoryHostKeyPins(),
        MutableClock.atEpochDay());
  }
}
