package dev.vastbot.ssh;

import dev.vastbot.fleet.port.HostKeyPins;
import dev.vastbot.fleet.remote.ShellOutcome.Failure;
import dev.vastbot.fleet.remote.SshTarget;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Optional;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trust on first use, per instance id: the first key an instance presents is pinned in {@link
 * HostKeyPins}; later the same key must come back. Each connect carries a {@link HostKeyCheck} in
 * its connection context, naming the instance and receiving the reason of a refusal (session
 * attributes would not do: MINA clears them when the refused session closes). Thread-safe.
 */
final class PinningServerKeyVerifier implements ServerKeyVerifier {
  private static final AttributeKey<HostKeyCheck> CHECK = new AttributeKey<>();

  private static final Logger LOG = LoggerFactory.getLogger(PinningServerKeyVerifier.class);

  private final HostKeyPins pins;
  private final Clock clock;
  private final java.util.concurrent.ConcurrentMap<Long, Object> firstPinLocks =
      new java.util.concurrent.ConcurrentHashMap<>();

  PinningServerKeyVerifier(HostKeyPins pins, Clock clock) {
    this.pins = pins;
    this.clock = clock;
  }

  /** Why a host key was not accepted. */
  record HostKeyRefusal(Failure failure, String reason) {}

  /** The host key check of one connect: which instance, and why its key was refused, if it was. */
  static final class HostKeyCheck {
    private final SshTarget target;
    private volatile HostKeyRefusal refusal;

    HostKeyCheck(SshTarget target) {
      this.target = target;
    }

    /** The connection context that hands this check to the verifier. */
    AttributeRepository asConnectionContext() {
      return AttributeRepository.ofKeyValuePair(CHECK, this);
    }

    Optional<HostKeyRefusal> refusal() {
      return Optional.ofNullable(refusal);
    }

    private boolean refuse(Failure failure, String reason) {
      refusal = new HostKeyRefusal(failure, reason);
      return false;
    }
  }

  @Override
  public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
    AttributeRepository context = session.getConnectionContext();
    HostKeyCheck check = context == null ? null : context.getAttribute(CHECK);
    if (check == null) {
      LOG.warn("{}: refusing a connection without an instance id", remote);
      return false;
    }
    SshTarget target = check.target;
    String presented = SshKeys.openSshPublicKey(key);
    Optional<String> pinned;
    try {
      pinned = pinnedOrPinNow(target, presented);
    } catch (RuntimeException storeFailure) {
      LOG.warn("{}: could not read or record the host key pin", target, storeFailure);
      return check.refuse(Failure.SSH_ERROR, "could not read or record the host key pin ("
          + storeFailure.getClass().getSimpleName() + ")");
    }
    if (pinned.isEmpty()) {
      LOG.warn("{}: the pin store did not keep the host key pin", target);
      return check.refuse(Failure.SSH_ERROR, "the host key pin was not recorded; refused");
    }
    if (SshKeys.sameKey(pinned.get(), presented)) {
      return true;
    }
    String pinnedPrint = fingerprintOrUnreadable(pinned.get());
    String presentedPrint = SshKeys.fingerprint(presented);
    LOG.warn("{}: HOST KEY CHANGED: pinned {}, server presented {}; refusing to connect "
        + "(unpin only after checking the instance was rebuilt)", target, pinnedPrint,
        presentedPrint);
    return check.refuse(Failure.HOST_KEY_CHANGED, "the host key changed (pinned "
        + pinnedPrint + ", presented " + presentedPrint + "); refused");
  }

  /**
   * The pinned key, pinning the presented one when there is none. Two first connections to a new
   * host (a sweep and a command) pin one after the other, so the second finds the first's pin and
   * the pin is logged once.
   */
  private Optional<String> pinnedOrPinNow(SshTarget target, String presented) {
    synchronized (firstPinLocks.computeIfAbsent(target.instanceId(), id -> new Object())) {
      return pinnedOrPinNowAlone(target, presented);
    }
  }

  private Optional<String> pinnedOrPinNowAlone(SshTarget target, String presented) {
    Optional<String> pinned = pins.pinnedKey(target.instanceId());
    if (pinned.isPresent()) {
      return pinned;
    }
    pins.pin(target.instanceId(), presented, clock.instant());
    LOG.info("{}: pinned host key {}", target, SshKeys.fingerprint(presented));
    // a concurrent first connect may have pinned first; the stored pin decides
    return pins.pinnedKey(target.instanceId());
  }

  private static String fingerprintOrUnreadable(String pinnedKey) {
    try {
      return SshKeys.fingerprint(pinnedKey);
    } catch (IllegalArgumentException unreadable) {
      return "an unreadable pin";
    }
  }
}
