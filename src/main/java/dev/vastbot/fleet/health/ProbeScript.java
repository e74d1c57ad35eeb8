package dev.vastbot.fleet.health;

/**
 * The one shell script a health check runs over SSH. Each section starts with a marker line so
 * that a failing tool leaves the others readable; nothing is written on the host.
 */
public final class ProbeScript {
  static final String MARK = "@@vastbot:";

  private ProbeScript() {}

  public static String build(ProbeSettings settings) {
    String port = "${RINGRIFT_P2P_PORT:-" + settings.p2pPort() + "}";
    return String.join("\n",
        section("gpu"),
        "nvidia-smi --query-gpu=index,utilization.gpu,memory.used,memory.total,temperature.gpu"
            + " --format=csv,noheader,nounits 2>&1 || echo 'ERROR nvidia-smi failed'",
        section("workers"),
        ProcessMatch.count(settings.workerPattern()),
        section("p2p"),
        "curl -s -m 3 http://127.0.0.1:" + port + settings.p2pHealthPath() + " 2>/dev/null; echo",
        section("disk"),
        "df -P \"$HOME\" 2>/dev/null | awk 'NR==2 {sub(\"%\",\"\",$5); print $5}'",
        section("games"),
        "(" + settings.gamesCommand() + ") 2>/dev/null || echo '?'",
        section("tailscale"),
        "tailscale ip -4 2>/dev/null | head -n 1",
        section("end"),
        "true");
  }

  private static String section(String name) {
    return "echo '" + MARK + name + "'";
  }
}
