package dev.vastbot.sim;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Every running instance reports one SSH endpoint that the simulator does not run: an sshd of the
 * caller's own on loopback (a real OpenSSH server in {@code bench/sync}), so that the CLI verbs
 * list the fleet from the simulated API and reach a real host. Only 127.0.0.0/8 is accepted: the
 * simulator never points the bot off the machine. Stateless and thread-safe.
 */
public final class ExternalHostAttachment implements HostAttachment {
  private final InetSocketAddress endpoint;

  private ExternalHostAttachment(InetSocketAddress endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * Parses {@code HOST:PORT}, HOST an IPv4 literal in 127.0.0.0/8 (no name is resolved).
   *
   * @throws IllegalArgumentException naming what is wrong, when it is not such an endpoint
   */
  public static ExternalHostAttachment parse(String hostPort) {
    Objects.requireNonNull(hostPort, "hostPort == null");
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException("expected HOST:PORT, e.g. 127.0.0.1:2222");
    }
    String host = hostPort.substring(0, colon);
    if (!host.matches("127(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
      throw new IllegalArgumentException("the SSH endpoint must be an address in 127.0.0.0/8, not " + quoted(host));
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException("the SSH endpoint's port is not a number");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("the SSH endpoint's port must be 1..65535, not " + port);
    }
    return new ExternalHostAttachment(new InetSocketAddress(literal(host), port));
  }

  /** The endpoint every running instance reports. */
  public InetSocketAddress endpoint() {
    return endpoint;
  }

  @Override
  public InetSocketAddress attach(long instanceId, String gpuName, int numGpus) {
    return endpoint;
  }

  @Override
  public void detach(long instanceId) {}

  private static InetAddress literal(String dotted) {
    String[] parts = dotted.split("\\.");
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      bytes[i] = (byte) Integer.parseInt(parts[i]);
    }
    try {
      return InetAddress.getByAddress(dotted, bytes);
    } catch (UnknownHostException cannotHappen) {
      throw new IllegalStateException("four bytes are an IPv4 address", cannotHappen);
    }
  }

  /**
   * The host as given, quoted for an error message that is safe for a terminal: at most 64
   * characters, a control character written as {@code \xNN}, anything but printable ASCII as
   * {@code ?}.
   */
  private static String quoted(String host) {
    StringBuilder shown = new StringBuilder("'");
    host.codePoints().limit(64).forEach(c -> {
      if (c < 0x20 || c == 0x7f) {
        shown.append(String.format("\\x%02x", c));
      } else if (c > 0x7e) {
        shown.append('?');
      } else {
        shown.appendCodePoint(c);
      }
    });
    return shown.append(host.codePointCount(0, host.length()) > 64 ? "…'" : "'").toString();
  }
}
