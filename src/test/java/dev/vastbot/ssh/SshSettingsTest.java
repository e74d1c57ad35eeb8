package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SshSettingsTest {
  private static final SshSettings DEFAULTS = SshSettings.defaults(Path.of("/root/.ssh/vast_rsa"));

  @Test
  void defaultsMatchTheOldScripts() {
    assertEquals(Duration.ofSeconds(10), DEFAULTS.connectTimeout());
    assertEquals(Duration.ofSeconds(10), DEFAULTS.authTimeout());
    assertEquals(256 * 1024, DEFAULTS.maxOutputBytes());
    assertEquals(64, DEFAULTS.fanOut());
    assertEquals(Duration.ofMinutes(5), DEFAULTS.idleSessionTimeout());
  }

  @Test
  void refusesNonsenseWithAClearMessage() {
    assertEquals("SSH connect timeout must be positive, got PT0S", message(
        () -> DEFAULTS.withTimeouts(Duration.ZERO, Duration.ofSeconds(1))));
    assertEquals("SSH auth timeout must be positive, got PT-1S", message(
        () -> DEFAULTS.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1))));
    assertEquals("SSH max output bytes must be at least 1, got 0", message(
        () -> DEFAULTS.withMaxOutputBytes(0)));
    assertEquals("SSH fan-out must be between 1 and 1024, got 0", message(
        () -> DEFAULTS.withFanOut(0)));
    assertEquals("SSH idle session timeout must not be negative, got PT-1S", message(
        () -> DEFAULTS.withIdleSessionTimeout(Duration.ofSeconds(-1))));
  }

  private static String message(Runnable construction) {
    return assertThrows(IllegalArgumentException.class, construction::run).getMessage();
  }
}
