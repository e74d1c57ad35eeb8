package dev.vastbot.fleet;

/** Where alerts go (Slack alert threads, or the log). Thread-safe; never throws. */
@FunctionalInterface
public interface AlertSink {
  void alert(Alert alert);

  /** Alerts as WARNING log lines. */
  static AlertSink logging() {
    System.Logger log = System.getLogger("dev.vastbot.alerts");
    return alert -> log.log(alert.severity() == Alert.Severity.INFO ? System.Logger.Level.INFO
        : System.Logger.Level.WARNING, "[{0}] {1}", alert.incident(), alert.text());
  }
}
