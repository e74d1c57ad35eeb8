package dev.vastbot.ssh;

import dev.vastbot.fleet.port.HostKeyPins;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Host key pins in memory, with the time each was pinned. Thread-safe. */
final class InMemoryHostKeyPins implements HostKeyPins {
  record Pin(String publicKey, Instant at) {}

  private final Map<Long, Pin> pins = new ConcurrentHashMap<>();

  @Override
  public Optional<String> pinnedKey(long instanceId) {
    return Optional.ofNullable(pins.get(instanceId)).map(Pin::publicKey);
  }

  @Override
  public void pin(long instanceId, String publicKey, Instant at) {
    pins.putIfAbsent(instanceId, new Pin(publicKey, at));
  }

  @Override
  public void unpin(long instanceId) {
    pins.remove(instanceId);
  }

  Optional<Pin> pin(long instanceId) {
    return Optional.ofNullable(pins.get(instanceId));
  }

  int size() {
    return pins.size();
  }
}
