package dev.vastbot.sim;

import java.net.InetSocketAddress;

/** Reports a fake loopback SSH endpoint per instance; nothing listens there. Stateless. */
final class UnreachableHostAttachment implements HostAttachment {
  private static final int FIRST_PORT = 20000;
  private static final int PORT_RANGE = 40000;

  @Override
  public InetSocketAddress attach(long instanceId, String gpuName, int numGpus) {
    int port = FIRST_PORT + (int) Math.floorMod(instanceId, (long) PORT_RANGE);
    return new InetSocketAddress("127.0.0.1", port);
  }

  @Override
  public void detach(long instanceId) {}
}
