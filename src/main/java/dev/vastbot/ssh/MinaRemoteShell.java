package dev.vastbot.ssh;

import dev.vastbot.fleet.port.HostKeyPins;
import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.PasswordIdentityProvider;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RemoteShell} over Apache MINA SSHD: one started {@link SshClient} for the process, user
 * root, public key auth with the configured key only (no password, agent, {@code ~/.ssh} or
 * {@code known_hosts}), host keys pinned per instance id in {@link HostKeyPins}.
 *
 * <p>An authenticated session per (instance id, address) stays open between commands until it
 * fails, is idle longer than {@link SshSettings#idleSessionTimeout()} (on the injected clock) or
 * the shell is closed; each command runs on its own exec channel. Deadlines are real elapsed time.
 * Thread-safe; host failures are returned as {@link ShellOutcome}s, never thrown.
 */
public final class MinaRemoteShell implements RemoteShell {
  /** Keepalive like the old scripts' {@code ServerAliveInterval 30 / ServerAliveCountMax 4}. */
  private static final Duration HEARTBEAT = Duration.ofSeconds(30);
  private static final int HEARTBEAT_MISSES = 4;

  private static final Logger LOG = LoggerFactory.getLogger(MinaRemoteShell.class);

  private final SshClient client;
  private final String publicKey;
  private final SessionPool sessions;
  private final RemoteExec exec;
  private final FanOut fanOut;
  private final Duration channelOpenTimeout;
  private final AtomicBoolean closed = new AtomicBoolean();

  private MinaRemoteShell(SshClient client, String publicKey, SshSettings settings, Clock clock) {
    this.client = client;
    this.publicKey = publicKey;
    this.sessions = new SessionPool(new SessionOpener(client, settings), clock,
        settings.idleSessionTimeout());
    this.exec = new RemoteExec(settings.maxOutputBytes(), settings.authTimeout());
    this.fanOut = new FanOut(settings.fanOut());
    this.channelOpenTimeout = settings.authTimeout();
  }

  /**
   * Reads the key and starts the SSH client.
   *
   * @param clock stamps new pins and measures session idleness
   * @throws InvalidSshKeyException when the key cannot be used
   */
  public static MinaRemoteShell start(SshSettings settings, HostKeyPins pins, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(pins, "pins");
    Objects.requireNonNull(clock, "clock");
    KeyPair key = SshKeys.load(settings.privateKey());
    SshClient client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(new PinningServerKeyVerifier(pins, clock));
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setKeyIdentityProvider(KeyIdentityProvider.wrapKeyPairs(key));
    client.setPasswordIdentityProvider(PasswordIdentityProvider.EMPTY_PASSWORDS_PROVIDER);
    client.setFilePasswordProvider(FilePasswordProvider.EMPTY);
    client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    client.setAgentFactory(null);
    client.setCipherFactories(preferredCiphers());
    CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, settings.connectTimeout());
    CoreModuleProperties.TCP_NODELAY.set(client, true);
    // idleness is ours to judge (a silent long command must not lose its session)
    CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
    CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, HEARTBEAT);
    CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, HEARTBEAT_MISSES);
    client.start();
    return new MinaRemoteShell(client, SshKeys.openSshPublicKey(key.getPublic()), settings, clock);
  }

  @Override
  public ShellOutcome run(SshTarget target, String command, Duration deadline) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(command, "command");
    requirePositive(deadline);
    requireOpen();
    sessions.closeIdle();
    return runBy(target, command, Deadline.after(deadline));
  }

  @Override
  public Map<Long, ShellOutcome> runOnAll(List<SshTarget> targets, String command,
      Duration deadline) {
    return runOnAll(targets, command, deadline, id -> { });
  }

  /** Tells {@code done} of each host as it finishes. */
  @Override
  public Map<Long, ShellOutcome> runOnAll(List<SshTarget> targets, String command, Duration deadline,
      LongConsumer done) {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(done, "done");
    requirePositive(deadline);
    requireDistinctInstances(targets);
    requireOpen();
    sessions.closeIdle();
    return fanOut.runOnAll(targets, deadline, (target, by) -> runBy(target, command, by), done);
  }

  /** The client key's public half in OpenSSH form, to register with Vast. */
  public String publicKey() {
    return publicKey;
  }

  /** Sessions kept open for reuse (for metrics and tests). */
  public int openSessions() {
    return sessions.openSessions();
  }

  /** Closes every session and stops the client. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      fanOut.close();
      sessions.close();
      client.stop();
    }
  }

  private ShellOutcome runBy(SshTarget target, String command, Deadline deadline) {
    try {
      return runOnce(target, command, deadline, true);
    } catch (HostFailure failure) {
      return ShellOutcome.failed(failure.failure(), target + ": " + failure.getMessage(),
          deadline.elapsed());
    } catch (RuntimeException unexpected) {
      LOG.warn("{}: unexpected failure running a command", target, unexpected);
      return ShellOutcome.failed(ShellOutcome.Failure.SSH_ERROR, target + ": internal error ("
          + unexpected.getClass().getSimpleName() + ")", deadline.elapsed());
    }
  }

  private ShellOutcome runOnce(SshTarget target, String command, Deadline deadline,
      boolean mayRetry) throws HostFailure {
    var lease = sessions.borrow(target, deadline);
    try {
      return exec.run(lease.session(), command, deadline);
    } catch (HostFailure failure) {
      lease.evict();
      // a kept session may have died unnoticed; the command never ran, so open a fresh one
      if (mayRetry && lease.reused() && !failure.commandSent() && !deadline.expired()) {
        lease.close();
        return runOnce(target, command, deadline, false);
      }
      throw failure;
    } catch (RuntimeException unexpected) {
      lease.evict();
      throw unexpected;
    } finally {
      lease.close();
    }
  }

  /** The kept sessions, for {@link StreamingDataSync} on the same client. */
  SessionPool sessions() {
    requireOpen();
    return sessions;
  }

  Duration channelOpenTimeout() {
    return channelOpenTimeout;
  }

  /**
   * AES-GCM first: with AES-NI it encrypts and authenticates in one pass, several times faster in
   * the JDK than ChaCha20-Poly1305 (MINA's first choice, in pure Java) or AES-CTR with an HMAC;
   * that is the ceiling of a data sync. OpenSSH offers it by default; the rest stay as fallbacks.
   */
  private static List<NamedFactory<Cipher>> preferredCiphers() {
    return List.<NamedFactory<Cipher>>of(BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm,
            BuiltinCiphers.cc20p1305_openssh, BuiltinCiphers.aes128ctr, BuiltinCiphers.aes192ctr,
            BuiltinCiphers.aes256ctr).stream()
        .filter(factory -> ((BuiltinCiphers) factory).isSupported()).toList();
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the remote shell is closed");
    }
  }

  private static void requirePositive(Duration deadline) {
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive, got " + deadline);
    }
  }

  private static void requireDistinctInstances(List<SshTarget> targets) {
    var seen = new HashSet<Long>();
    for (SshTarget target : Objects.requireNonNull(targets, "targets")) {
      if (!seen.add(target.instanceId())) {
        throw new IllegalArgumentException("instance " + target.instanceId() + " listed twice");
      }
    }
  }
}
