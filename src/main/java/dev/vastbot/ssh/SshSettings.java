package dev.vastbot.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link MinaRemoteShell} connects and runs commands. Immutable.
 *
 * @param privateKey the client key ({@code VAST_SSH_KEY}); OpenSSH or PEM, ed25519 or RSA, no
 *     passphrase
 * @param connectTimeout the most time one TCP connect may take
 * @param authTimeout the most time from TCP connect to an authenticated session (SSH banner, key
 *     exchange, host key check, public key auth)
 * @param maxOutputBytes the most bytes kept of a command's stdout, and again of its stderr; the
 *     rest is read and dropped, and the outcome is marked truncated
 * @param fanOut the most commands {@code runOnAll} runs at the same time
 * @param idleSessionTimeout how long an unused session is kept open for the next command; zero
 *     closes every session after its command
 */
public record SshSettings(
    Path privateKey,
    Duration connectTimeout,
    Duration authTimeout,
    int maxOutputBytes,
    int fanOut,
    Duration idleSessionTimeout) {

  /** The most {@link #fanOut} may be: more parallel SSH sessions than this is a mistake. */
  public static final int MAX_FAN_OUT = 1024;

  public SshSettings {
    Objects.requireNonNull(privateKey, "privateKey");
    requirePositive("SSH connect timeout", connectTimeout);
    requirePositive("SSH auth timeout", authTimeout);
    Objects.requireNonNull(idleSessionTimeout, "idleSessionTimeout");
    if (idleSessionTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "SSH idle session timeout must not be negative, got " + idleSessionTimeout);
    }
    if (maxOutputBytes < 1) {
      throw new IllegalArgumentException(
          "SSH max output bytes must be at least 1, got " + maxOutputBytes);
    }
    if (fanOut < 1 || fanOut > MAX_FAN_OUT) {
      throw new IllegalArgumentException(
          "SSH fan-out must be between 1 and " + MAX_FAN_OUT + ", got " + fanOut);
    }
  }

  /** 10 s connect, 10 s auth, 256 KiB of output per stream, 64 hosts at once, 5 min idle. */
  public static SshSettings defaults(Path privateKey) {
    return new SshSettings(
        privateKey, Duration.ofSeconds(10), Duration.ofSeconds(10), 256 * 1024, 64,
        Duration.ofMinutes(5));
  }

  public SshSettings withFanOut(int newFanOut) {
    return new SshSettings(
        privateKey, connectTimeout, authTimeout, maxOutputBytes, newFanOut, idleSessionTimeout);
  }

  public SshSettings withMaxOutputBytes(int bytes) {
    return new SshSettings(
        privateKey, connectTimeout, authTimeout, bytes, fanOut, idleSessionTimeout);
  }

  public SshSettings withTimeouts(Duration connect, Duration auth) {
    return new SshSettings(privateKey, connect, auth, maxOutputBytes, fanOut, idleSessionTimeout);
  }

  public SshSettings withIdleSessionTimeout(Duration idle) {
    return new SshSettings(privateKey, connectTimeout, authTimeout, maxOutputBytes, fanOut, idle);
  }

  private static void requirePositive(String what, Duration value) {
    Objects.requireNonNull(value, what);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
  }
}
