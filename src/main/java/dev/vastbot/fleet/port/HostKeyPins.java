package dev.vastbot.fleet.port;

import java.time.Instant;
import java.util.Optional;

/**
 * The host keys we trust, one per instance id, pinned the first time we connect (trust on first
 * use). A new instance on a reused host:port has a new id and so gets its own pin. Thread-safe.
 */
public interface HostKeyPins {

  /** The pinned key of an instance, as {@code "<algorithm> <base64>"} (OpenSSH public key form). */
  Optional<String> pinnedKey(long instanceId);

  /** Pins a key for an instance that has none; an existing pin is left as it is. */
  void pin(long instanceId, String publicKey, Instant at);

  /** Forgets a pin (after a person confirmed the host really was rebuilt). */
  void unpin(long instanceId);
}
