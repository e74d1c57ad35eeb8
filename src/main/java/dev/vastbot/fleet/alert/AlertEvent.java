package dev.vastbot.fleet.alert;

import dev.vastbot.fleet.Alert;
import java.util.Objects;

/** One thing a pass of a loop found about one incident, for an {@link AlertBatch}. */
public sealed interface AlertEvent {

  /** The incident it is about ({@code unhealthy:12345}). */
  String incident();

  /** What the incident is about ({@code vast-12345}), how the alert's text begins when it names it. */
  String subject();

  /**
   * The incident began now (a state change: an instance failed its checks, a host key changed).
   *
   * @param status a word or two for a summary of many ("unreachable", "unhealthy")
   */
  record Raised(Alert alert, String subject, String status) implements AlertEvent {
    public Raised {
      Objects.requireNonNull(alert, "alert");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(status, "status");
    }

    @Override
    public String incident() {
      return alert.incident();
    }
  }

  /** The incident goes on ("still unhealthy"); people hear of it again only now and then. */
  record Continued(Alert alert, String subject) implements AlertEvent {
    public Continued {
      Objects.requireNonNull(alert, "alert");
      Objects.requireNonNull(subject, "subject");
    }

    @Override
    public String incident() {
      return alert.incident();
    }
  }

  /** The incident cleared; {@code text} says how. */
  record Cleared(String incident, String subject, String text) implements AlertEvent {
    public Cleared {
      Objects.requireNonNull(incident, "incident");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(text, "text");
    }
  }
}
