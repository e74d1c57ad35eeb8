package dev.vastbot.testing;

import dev.vastbot.fleet.port.HostKeyPins;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link HostKeyPins} in memory: the first pin of an instance stays until unpinned. Thread-safe. */
public final class InMemoryHostKeyPins implements HostKeyPins {
  private final Map<Long, String> pinned = new TreeMap<>();

  @Override
  public synchronized Optional<String> pinnedKey(long instanceId) {
    return Optional.ofNullable(pinned.get(instanceId));
  }

  @Override
  public synchronized void pin(long instanceId, String publicKey, Instant at) {
    pinned.putIfAbsent(instanceId, publicKey);
  }

  @Override
  public synchronized void unpin(long instanceId) {
    pinned.remove(instanceId);
  }
}
