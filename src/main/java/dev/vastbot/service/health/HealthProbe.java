package dev.vastbot.service.health;

import dev.vastbot.fleet.health.HealthClassifier;
import dev.vastbot.fleet.health.ProbeSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * What a health sweep asks each host and how it reads the answer: the probe script built from
 * {@code settings}, the most one host's round trip may take, and the classifier that judges the
 * answer (hostile input).
 *
 * @param settings what the probe script looks for (workers, games, the orchestrator's health); never null
 * @param deadline the most one host's probe may take; never null
 * @param classifier judges a host's answer; never null
 */
public record HealthProbe(ProbeSettings settings, Duration deadline, HealthClassifier classifier) {
  public HealthProbe {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(classifier, "classifier");
  }
}
