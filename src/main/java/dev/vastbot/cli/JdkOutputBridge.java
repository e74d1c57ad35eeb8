package dev.vastbot.cli;

import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends what the JDK itself would print raw to stderr through SLF4J, so it gets the one safe line
 * layout ({@link SafeLineLayout}: control characters escaped, secrets removed) like every other
 * event: java.util.logging (OkHttp's own warnings) replaces its console handler with SLF4J's
 * bridge, and a thread that dies of an uncaught exception is logged as an ERROR instead of having
 * its stack trace printed by the JDK. Process-wide; safe to call more than once, from any thread.
 */
final class JdkOutputBridge {
  /** The logger a dying thread's exception is logged by. */
  static final String UNCAUGHT_LOGGER = "dev.vastbot.cli.UncaughtException";
  private static final Thread.UncaughtExceptionHandler LOG_UNCAUGHT = (thread, failure) ->
      LoggerFactory.getLogger(UNCAUGHT_LOGGER).error("thread {} died of an uncaught exception", thread.getName(),
          failure);

  private JdkOutputBridge() {}

  /** Routes java.util.logging and uncaught exceptions to SLF4J (once; later calls change nothing). */
  static synchronized void install() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
    Thread.setDefaultUncaughtExceptionHandler(LOG_UNCAUGHT);
  }
}
