package dev.vastbot.fleet;

/** Where alerts go (Slack alert threads, or the log). Thread-safe; never throws. */
@FunctionalInterface
public interface AlertSink {
  void alert(Alert alert);

  /** The incident cleared ({@code text} says how); a sink that keeps threads closes its thread. */
  default void resolved(String incident, String text) {}

  /** Alerts as WARNING log lines. */
  static AlertSink logging() {
    System.Logger log = System.getLogger("dev.vastbot.alerts");
    return new AlertSink() {
      @Override
      public void alert(Alert alert) {
        log.log(alert.severity() == Alert.Severity.INFO ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
            "[{0}] {1}", alert.incident(), alert.text());
      }

      @Override
      public void resolved(String incident, String text) {
        log.log(System.Logger.Level.INFO, "[{0}] resolved: {1}", incident, text);
      }
    };
  }
}
