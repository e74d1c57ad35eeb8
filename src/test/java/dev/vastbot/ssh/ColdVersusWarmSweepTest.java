package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.testing.MutableClock;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what session reuse saves: 50 sequential {@code echo ok} runs, each on a new session
 * (the clock passes the idle timeout between runs), against 50 on the kept session.
 */
class ColdVersusWarmSweepTest {
  private static final int RUNS = 50;
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  @TempDir Path dir;

  @Test
  void aWarmSweepSkipsConnectKeyExchangeAndLogin() {
    KeyPair clientKey = TestKeys.ed25519();
    var clock = MutableClock.atEpochDay();
    var settings = SshSettings.defaults(TestKeys.writeOpenSsh(clientKey, dir.resolve("key")));
    try (var server = TestSshServer.start(TestKeys.ed25519(), clientKey.getPublic());
        var shell = MinaRemoteShell.start(settings, new InMemoryHostKeyPins(), clock)) {
      runs(shell, server, clock, 10, true); // warm up the JIT on both paths
      runs(shell, server, clock, 10, false);
      int sessionsBefore = server.sessionsOpened();

      Duration cold = runs(shell, server, clock, RUNS, true);
      int coldSessions = server.sessionsOpened() - sessionsBefore;
      Duration warm = runs(shell, server, clock, RUNS, false);
      int warmSessions = server.sessionsOpened() - sessionsBefore - coldSessions;

      System.out.printf("ssh sweep timing: %d x echo ok, cold %d ms (%.1f ms/run, %d sessions), "
          + "warm %d ms (%.1f ms/run, %d new sessions)%n", RUNS, cold.toMillis(),
          cold.toNanos() / 1e6 / RUNS, coldSessions, warm.toMillis(), warm.toNanos() / 1e6 / RUNS,
          warmSessions);
      assertEquals(RUNS, coldSessions);
      assertEquals(0, warmSessions);
      assertTrue(warm.compareTo(cold) < 0, () -> "warm " + warm + " vs cold " + cold);
    }
  }

  private static Duration runs(MinaRemoteShell shell, TestSshServer server, MutableClock clock,
      int count, boolean cold) {
    long started = System.nanoTime();
    for (int i = 0; i < count; i++) {
      if (cold) {
        clock.advance(Duration.ofMinutes(6));
      }
      var outcome = shell.run(server.target(1), "echo ok", DEADLINE);
      assertEquals("ok\n", outcome.stdout(), outcome.message());
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
