package dev.vastbot.fleet.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The worker count runs in a shell whose own command line names the pattern; it must count the
 * real processes only. Runs the snippets in this machine's /bin/sh.
 */
class ProcessMatchTest {
  private static String sh(String script) throws Exception {
    Process process = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("shell did not finish: " + script);
    }
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }

  @Test
  void bracketing_keepsTheRegex_butNotItsOwnText() {
    assertEquals("[g]enerate_data", ProcessMatch.bracketed("generate_data"));
    assertEquals("(a|b)", ProcessMatch.bracketed("(a|b)"));
  }

  @Test
  void count_doesNotMatchTheProbingShell() throws Exception {
    String pattern = "vastbot_probe_test_worker_" + ProcessHandle.current().pid();
    // Nothing runs with the pattern: zero, although the command line itself contains it.
    assertEquals("0", sh("echo " + pattern + " > /dev/null; " + ProcessMatch.count(pattern)));
  }

  @Test
  void count_findsRealProcesses_andKillStopsThemWithoutKillingItself() throws Exception {
    String pattern = "vastbot_probe_test_sleeper_" + ProcessHandle.current().pid();
    // Two processes whose command lines carry the pattern (as $0 of a shell that stays alive).
    String start = "for i in 1 2; do sh -c 'sleep 5; true' " + pattern + " & done; sleep 0.3; ";
    String out = sh(start + ProcessMatch.count(pattern) + "; " + ProcessMatch.kill(pattern) + "; sleep 0.3; "
        + ProcessMatch.count(pattern) + "; echo survived");
    assertEquals("2\n0\nsurvived", out);
  }
}
