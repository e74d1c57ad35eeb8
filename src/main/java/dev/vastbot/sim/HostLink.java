package dev.vastbot.sim;

import java.net.InetSocketAddress;
import java.util.Objects;

/** The marketplace's current {@link HostAttachment}, swappable. Guarded by the marketplace. */
final class HostLink {
  private HostAttachment attachment = HostAttachment.unreachable();

  HostAttachment current() {
    return attachment;
  }

  void replace(HostAttachment next) {
    attachment = Objects.requireNonNull(next, "attachment == null");
  }

  InetSocketAddress attach(long instanceId, String gpuName, int numGpus) {
    return Objects.requireNonNull(
        attachment.attach(instanceId, gpuName, numGpus),
        "HostAttachment.attach returned null for instance " + instanceId);
  }

  void detach(long instanceId) {
    attachment.detach(instanceId);
  }
}
