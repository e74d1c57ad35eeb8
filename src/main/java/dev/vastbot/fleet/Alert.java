package dev.vastbot.fleet;

/**
 * Something a person should know about, posted to the team channel (one thread per incident) or
 * logged when no channel is configured.
 *
 * @param incident groups alerts into one thread, e.g. {@code "host-key:12345"}
 * @param text what happened and what to do; never a secret
 */
public record Alert(Severity severity, String incident, String text) {
  public enum Severity {
    INFO,
    WARNING,
    CRITICAL
  }
}
