package dev.vastbot.fleet.health;

import java.util.Objects;

/**
 * What the health probe looks at on a host.
 *
 * @param workerPattern an extended regular expression matched against process command lines to
 *     count self-play workers (e.g. {@code app.training.generate_data})
 * @param gamesCommand a shell command printing how many games were recorded in the last hour
 * @param p2pPort the orchestrator's port when the host does not set {@code RINGRIFT_P2P_PORT}
 * @param p2pHealthPath the orchestrator's health path, e.g. {@code /health}
 */
public record ProbeSettings(String workerPattern, String gamesCommand, int p2pPort, String p2pHealthPath) {
  public ProbeSettings {
    Objects.requireNonNull(workerPattern, "workerPattern");
    Objects.requireNonNull(gamesCommand, "gamesCommand");
    Objects.requireNonNull(p2pHealthPath, "p2pHealthPath");
    if (workerPattern.isBlank()) {
      throw new IllegalArgumentException("workerPattern must not be empty");
    }
  }
}
