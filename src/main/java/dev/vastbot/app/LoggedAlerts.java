package dev.vastbot.app;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.port.AlertSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts as log lines of the logger {@value #LOGGER}: an INFO alert at INFO, any other at WARN, a
 * resolution at INFO. The texts reach the log as they are; the log's layout makes each line safe
 * for a terminal. Thread-safe; never throws.
 */
public final class LoggedAlerts implements AlertSink {
  static final String LOGGER = "dev.vastbot.alerts";
  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  @Override
  public void alert(Alert alert) {
    if (alert.severity() == Alert.Severity.INFO) {
      log.info("[{}] {}", alert.incident(), alert.text());
    } else {
      log.warn("[{}] {}", alert.incident(), alert.text());
    }
  }

  @Override
  public void resolved(String incident, String text) {
    log.info("[{}] resolved: {}", incident, text);
  }
}
