package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sim --ssh-endpoint}: refused with a clear message, before anything starts, when it is not loopback. */
class SimSshEndpointOptionTest {
  @TempDir Path dir;

  @Test
  void anEndpointOffLoopback_isRefused_andNoApiIsStarted() {
    var run = sim("--ssh-endpoint", "192.168.1.10:22");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("--ssh-endpoint: the SSH endpoint must be an address in 127.0.0.0/8, not"
        + " '192.168.1.10'"), run.err());
    assertFalse(run.out().contains("VAST_API_URL"), run.out());
  }

  @Test
  void withSimulatedHosts_itIsRefused() {
    var run = sim("--hosts", "--ssh-endpoint", "127.0.0.1:2222");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("--ssh-endpoint goes without --hosts and --hanging-hosts"), run.err());
    assertFalse(run.out().contains("VAST_API_URL"), run.out());
  }

  private CliHarness.Run sim(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "sim";
    System.arraycopy(args, 0, all, 1, args.length);
    return new CliHarness(Map.of(), dir, Clock.systemUTC()).run("", all);
  }
}
