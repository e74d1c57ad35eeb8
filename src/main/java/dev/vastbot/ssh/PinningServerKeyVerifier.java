package dev.vastbot.ssh;

import dev.vastbot.fleet.remote.HostKeyPins;
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
 * HostKeyPins}; later the same key must come back. A refusal is left on the session ({@link
 * #REFUSAL}) so that the failed connect can say why. Thread-safe.
 */
final class PinningServerKeyVerifier implements ServerKeyVerifier {
  /** Set in the connection context: which instance the session is meant to reach. */
  static final AttributeKey<SshTarget> TARGET = new AttributeKey<>();
  /** Set on a session whose host key was refused. */
  static final AttributeKey<HostKeyRefusal> REFUSAL = new AttributeKey<>();

  private static final Logger LOG = LoggerFactory.getLogger(PinningServerKeyVerifier.class);

  private final HostKeyPins pins;
  private final Clock clock;

  PinningServerKeyVerifier(HostKeyPins pins, Clock clock) {
    this.pins = pins;
    this.clock = clock;
  }

  /** Why a host key was not accepted. */
  record HostKeyRefusal(Failure failure, String reason) {}

  static AttributeRepository contextFor(SshTarget target) {
    return AttributeRepository.ofKeyValuePair(TARGET, target);
  }

  @Override
  public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
    AttributeRepository context = session.getConnectionContext();
    SshTarget target = context == null ? null : context.getAttribute(TARGET);
    if (target == null) {
      return refuse(session, Failure.SSH_ERROR, "no instance id for this connection");
    }
    String presented = SshKeys.openSshPublicKey(key);
    Optional<String> pinned;
    try {
      pinned = pinnedOrPinNow(target, presented);
    } catch (RuntimeException storeFailure) {
      LOG.warn("{}: could not read or record the host key pin", target, storeFailure);
      return refuse(session, Failure.SSH_ERROR, "could not read or record the host key pin ("
          + storeFailure.getClass().getSimpleName() + ")");
    }
    if (pinned.isPresent() && SshKeys.sameKey(pinned.get(), presented)) {
      return true;
    }
    String pinnedPrint = pinned.map(PinningServerKeyVerifier::fingerprintOrUnreadable)
        .orElse("nothing");
    String presentedPrint = SshKeys.fingerprint(presented);
    LOG.warn("{}: HOST KEY CHANGED: pinned {}, server presented {}; refusing to connect "
        + "(unpin only after checking the instance was rebuilt)", target, pinnedPrint,
        presentedPrint);
    return refuse(session, Failure.HOST_KEY_CHANGED, "the host key changed (pinned "
        + pinnedPrint + ", presented " + presentedPrint + "); refused");
  }

  private Optional<String> pinnedOrPinNow(SshTarget target, String presented) {
    Optional<String> pinned = pins.pinnedKey(target.instanceId());
    if (pinned.isPresent()) {
      return pinned;
    }
    pins.pin(target.instanceId(), presented, clock.instant());
    LOG.info("{}: pinned host key {}", target, SshKeys.fingerprint(presented));
    // a concurrent first connect may have pinned first; the stored pin decides
    return pins.pinnedKey(target.instanceId());
  }

  private static boolean refuse(ClientSession session, Failure failure, String reason) {
    session.setAttribute(REFUSAL, new HostKeyRefusal(failure, reason));
    return false;
  }

  private static String fingerprintOrUnreadable(String pinnedKey) {
    try {
      return SshKeys.fingerprint(pinnedKey);
    } catch (IllegalArgumentException unreadable) {
      return "an unreadable pin";
    }
  }
}
