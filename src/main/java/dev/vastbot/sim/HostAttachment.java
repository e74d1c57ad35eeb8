package dev.vastbot.sim;

import java.net.InetSocketAddress;

/**
 * Gives each running simulated instance an SSH endpoint. The marketplace calls it while holding its
 * own lock, so an implementation must not wait for other threads that call into the marketplace.
 */
public interface HostAttachment {

  /**
   * Called when an instance becomes running (again after every stop, reboot or outage); returns the
   * loopback SSH endpoint to report for it in {@code ports["22/tcp"]}, {@code public_ipaddr} and
   * {@code ssh_host}/{@code ssh_port}.
   */
  InetSocketAddress attach(long instanceId, String gpuName, int numGpus);

  /**
   * Called when the instance stops running (stop, outbid, exit, outage, reboot) or is destroyed
   * while running; once for every {@link #attach}.
   */
  void detach(long instanceId);

  /**
   * The default: reports 127.0.0.1 and a deterministic port derived from the instance id, on which
   * nothing listens.
   */
  static HostAttachment unreachable() {
    return new UnreachableHostAttachment();
  }
}
