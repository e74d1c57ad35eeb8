package dev.vastbot.fleet.remote;

import java.util.regex.Pattern;

/**
 * The kinds of value that go into a command run as root on a host, each with the check it must
 * pass first. Values come from files edited by hand and by other tools (distributed_hosts.yaml)
 * and from hosts themselves, so a value is checked for its kind and then shell-quoted ({@link
 * ShellQuote}); one that fails the check never reaches a command.
 */
public enum RemoteValue {
  /** An IPv4 dotted quad (each octet 0-255, no leading zeros) or an IPv6 literal. */
  IP_ADDRESS("an IP address") {
    @Override
    boolean matches(String value) {
      return isIpv4(value) || isIpv6(value);
    }
  },
  /** An RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens. */
  HOST_NAME("a host name") {
    @Override
    boolean matches(String value) {
      return isHostName(value);
    }
  },
  /** A TCP port, 1-65535, in decimal. */
  PORT("a port (1-65535)") {
    @Override
    boolean matches(String value) {
      return value.matches("[1-9][0-9]{0,4}") && Integer.parseInt(value) <= 65535;
    }
  },
  /** A P2P node id such as {@code vast-12345678}. */
  NODE_ID("a node id (a letter or digit, then up to 63 letters, digits, '.', '_' or '-')") {
    @Override
    boolean matches(String value) {
      return value.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    }
  },
  /** {@code host:port} with an IPv4 address or host name, or {@code [ipv6]:port}. */
  PEER_ADDRESS("a peer address (host:port)") {
    @Override
    boolean matches(String value) {
      int colon = value.lastIndexOf(':');
      if (colon < 0 || !PORT.matches(value.substring(colon + 1))) {
        return false;
      }
      String host = value.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        return isIpv6(host.substring(1, host.length() - 1));
      }
      return isIpv4(host) || isHostName(host);
    }
  },
  /** A self-play board such as {@code square8} (the workload table's values). */
  BOARD_NAME("a board name (letters, digits, '_' or '-')") {
    @Override
    boolean matches(String value) {
      return value.matches("[A-Za-z0-9_-]+");
    }
  },
  /** A count such as {@code num_games}: a non-negative whole number. */
  COUNT("a non-negative whole number") {
    @Override
    boolean matches(String value) {
      return value.matches("0|[1-9][0-9]{0,9}");
    }
  };

  private static final int SHOWN_LENGTH = 80;
  private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private final String description;

  RemoteValue(String description) {
    this.description = description;
  }

  abstract boolean matches(String value);

  /** Whether {@code value} (null is never accepted) is of this kind. */
  public boolean accepts(String value) {
    return value != null && matches(value);
  }

  /**
   * {@code value}, when it is of this kind.
   *
   * @throws UnsafeValueException if it is not
   */
  public String require(String value) {
    if (!accepts(value)) {
      throw new UnsafeValueException(complaint(value));
    }
    return value;
  }

  /** {@link #require(String)} for a number. */
  public String require(long value) {
    return require(Long.toString(value));
  }

  /** Says what is wrong with {@code value}, showing it safely: {@code '1.2.3.x' is not an IP address}. */
  public String complaint(String value) {
    return (value == null ? "nothing" : "'" + printable(value) + "'") + " is not " + description;
  }

  /** {@code host:port}, or {@code [host]:port} for an IPv6 address; checked as a {@link #PEER_ADDRESS}. */
  public static String peerAddress(String host, int port) {
    String bracketed = isIpv6(host) ? "[" + host + "]" : host;
    return PEER_ADDRESS.require(bracketed + ":" + port);
  }

  /** Untrusted text made fit for one log line: control characters as {@code \xNN}, at most 80 characters. */
  public static String printable(String text) {
    return printable(text, SHOWN_LENGTH);
  }

  /** {@link #printable(String)} with another length limit; longer text ends with {@code …}. */
  public static String printable(String text, int maxLength) {
    var shown = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      if (shown.length() >= maxLength) {
        return shown.append('…').toString();
      }
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        shown.append(String.format("\\x%02x", (int) c));
      } else if (c == '\u2028' || c == '\u2029') {
        shown.append(String.format("\\u%04x", (int) c));
      } else {
        shown.append(c);
      }
    }
    return shown.toString();
  }

  private static boolean isIpv4(String value) {
    String[] octets = value.split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String octet : octets) {
      if (!octet.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /** Eight groups of 1-4 hex digits, one {@code ::} standing for one or more zero groups, an IPv4 tail allowed. */
  private static boolean isIpv6(String value) {
    int elided = value.indexOf("::");
    if (elided != value.lastIndexOf("::") || value.contains(":::")) {
      return false;
    }
    if (elided < 0) {
      return groups(value, true) == 8;
    }
    String front = value.substring(0, elided);
    String rest = value.substring(elided + 2);
    int head = front.isEmpty() ? 0 : groups(front, false);
    int tail = rest.isEmpty() ? 0 : groups(rest, true);
    return head >= 0 && tail >= 0 && head + tail <= 7;
  }

  /** How many 16-bit groups {@code part} holds (an IPv4 tail counts two), or -1 if it is malformed. */
  private static int groups(String part, boolean ipv4Tail) {
    String[] groups = part.split(":", -1);
    int count = 0;
    for (int i = 0; i < groups.length; i++) {
      boolean last = i == groups.length - 1;
      if (last && ipv4Tail && isIpv4(groups[i])) {
        count += 2;
      } else if (groups[i].matches("[0-9A-Fa-f]{1,4}")) {
        count++;
      } else {
        return -1;
      }
    }
    return count;
  }

  private static boolean isHostName(String value) {
    if (value.isEmpty() || value.length() > 253) {
      return false;
    }
    String[] labels = value.split("\\.", -1);
    for (String label : labels) {
      if (!HOST_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return !labels[labels.length - 1].matches("[0-9]+");
  }
}
