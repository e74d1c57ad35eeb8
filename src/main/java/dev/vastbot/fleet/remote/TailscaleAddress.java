package dev.vastbot.fleet.remote;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Tailscale IPv4 address as a host reports it ({@code tailscale ip -4}): accepted only inside
 * Tailscale's range {@code 100.64.0.0/10} (100.64.0.0 to 100.127.255.255), in canonical dotted
 * form. A host could otherwise claim any address, and it would be pushed to every other node.
 */
public final class TailscaleAddress {
  private static final Pattern DOTTED_QUAD =
      Pattern.compile("(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})");

  private TailscaleAddress() {}

  /** The address in {@code text} (trimmed), or empty when it is not one inside 100.64.0.0/10. */
  public static Optional<String> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String candidate = text.strip();
    var match = DOTTED_QUAD.matcher(candidate);
    if (candidate.length() > 15 || !match.matches()) {
      return Optional.empty();
    }
    int[] octets = new int[4];
    for (int i = 0; i < 4; i++) {
      octets[i] = Integer.parseInt(match.group(i + 1));
      if (octets[i] > 255) {
        return Optional.empty();
      }
    }
    boolean inRange = octets[0] == 100 && (octets[1] & 0xC0) == 64;
    return inRange ? Optional.of(candidate) : Optional.empty();
  }
}
