package dev.vastbot.fleet.remote;

import dev.vastbot.fleet.HostPort;
import java.util.Objects;

/**
 * Where to run a command: the instance (its host key is pinned per instance id) and its SSH
 * address. The user is always root, as on Vast.
 */
public record SshTarget(long instanceId, HostPort address) {
  public SshTarget {
    Objects.requireNonNull(address, "address");
  }

  @Override
  public String toString() {
    return "vast-" + instanceId + " (" + address + ")";
  }
}
