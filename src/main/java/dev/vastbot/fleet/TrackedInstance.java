package dev.vastbot.fleet;

import java.time.Instant;

/**
 * Our durable view of an instance: what we last saw of it, and when it disappeared from the
 * provider's list (null while it is still there).
 */
public record TrackedInstance(
    long id,
    String label,
    String gpuName,
    int numGpus,
    String status,
    Instant firstSeen,
    Instant lastSeen,
    Instant goneAt) {

  public boolean gone() {
    return goneAt != null;
  }
}
