package dev.vastbot.sim.host;

import java.nio.charset.StandardCharsets;

/**
 * What a hostile host prints, one payload each: the attacks a rented machine's owner can make on
 * the bot through the text it answers with. Switched on with {@link SimHostFaults#hostile}; the
 * stand-ins ({@code curl}, {@code tailscale}, {@code venv/bin/activate}) then answer with the
 * payload's files under {@code ~/.sim/faults/hostile/}, and the orchestrator's log gets its lines.
 */
public enum HostilePayload {
  /** {@code /health} and {@code /status} answer 100 KB of {@code [}: a recursive parser overflows. */
  DEEP_JSON,
  /** {@code /status} answers 250 KB: thousands of peers with long ids (a reply of huge width). */
  HUGE_STATUS,
  /** NUL, escape and bidi bytes in a failing command's stderr (256 KiB, one line) and in the log. */
  CONTROL_BYTES,
  /** Peer and leader ids that forge a green "OK:" console line, ping the channel or carry a link. */
  FORGED_PEER,
  /** {@code tailscale ip -4} claims another node's address. */
  SPOOFED_TAILSCALE;

  /** The forged console line a FORGED_PEER id carries. */
  public static final String FORGED_LINE = "OK: vast-9 orchestrator restarted";
  /** How long the CONTROL_BYTES stderr line is. */
  public static final int STDERR_BYTES = 256 * 1024;

  /** The text the orchestrator's {@code /health} answers with, or null to leave it honest. */
  String health(String nodeId) {
    return switch (this) {
      case DEEP_JSON -> "[".repeat(100_000);
      case FORGED_PEER -> "{\"healthy\": true, \"node_id\": \"\\n\\u001b[32m" + FORGED_LINE
          + "\", \"leader_id\": \"<!channel>\", \"active_peers\": 1e308, \"total_peers\": -5}";
      default -> null;
    };
  }

  /** The text the orchestrator's {@code /status} answers with, or null to leave it honest. */
  String status(String nodeId) {
    return switch (this) {
      case DEEP_JSON -> "{\"peers\": " + "[".repeat(100_000);
      case HUGE_STATUS -> hugeStatus(nodeId);
      case FORGED_PEER -> "{\"node_id\": \"" + nodeId + "\", \"leader_id\": \"<@U0123|boss>\", \"peers\": {"
          + "\"\\n\\u001b[32m" + FORGED_LINE + "\": {\"is_alive\": true},"
          + " \"<!channel> <http://evil.example|click>\": {\"is_alive\": true},"
          + " \"vast-1\\u0000x\": {\"is_alive\": true}}}";
      default -> null;
    };
  }

  /** What {@code tailscale ip -4} prints, or null to leave it honest. */
  String tailscale(String victimAddress) {
    return this == SPOOFED_TAILSCALE ? victimAddress + "\n" : null;
  }

  /** What a failing worker start prints on stderr, or null when it does not fail. */
  byte[] stderr() {
    if (this != CONTROL_BYTES) {
      return null;
    }
    var line = new StringBuilder("\u0000\u001b[2J\u001b[H\u001b[32m" + FORGED_LINE + "\u202e");
    while (line.length() < STDERR_BYTES) {
      line.append("\u0000\u001b[31mjunk\u0007");
    }
    line.setLength(STDERR_BYTES);
    return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Lines appended to the orchestrator's log, or null. */
  String logLines() {
    return this == CONTROL_BYTES
        ? "\u001b[2K\r" + FORGED_LINE + "\n\u0000\u001b]0;owned\u0007title\n<!channel> look here\n"
        : null;
  }

  private static String hugeStatus(String nodeId) {
    var json = new StringBuilder("{\"node_id\": \"").append(nodeId).append("\", \"peers\": {");
    for (int i = 0; json.length() < 250_000; i++) {
      json.append(i == 0 ? "" : ", ").append("\"peer-").append(i).append("-")
          .append("x".repeat(40)).append("\": {\"is_alive\": true}");
    }
    return json.append("}}").toString();
  }
}
