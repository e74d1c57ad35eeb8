package dev.vastbot.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the process while open, at every level: SLF4J's (logback), which vastbot
 * logs through, and java.util.logging's once the bridge is installed. Opening it sets the root
 * logger to ALL and clears the levels set on named loggers, except those listed as kept (the
 * project's deliberate settings, such as a logger turned off); closing it puts everything back.
 * For tests that must show something never reaches a log line. Thread-safe.
 */
public final class CapturedLogs implements AutoCloseable {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Map<Logger, Level> levelsBefore = new HashMap<>();
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      events.add(event);
    }
  };

  private CapturedLogs(List<String> keptLevels) {
    for (Logger logger : context.getLoggerList()) {
      if (logger.getLevel() != null && !keptLevels.contains(logger.getName())) {
        levelsBefore.put(logger, logger.getLevel());
        logger.setLevel(logger.getName().equals(Logger.ROOT_LOGGER_NAME) ? Level.ALL : null);
      }
    }
    root().setLevel(Level.ALL);
    appender.setContext(context);
    appender.setName("captured-" + System.identityHashCode(this));
    appender.start();
    root().addAppender(appender);
  }

  /**
   * Captures everything; the loggers named in {@code keptLevels} keep the level the process gave
   * them.
   */
  public static CapturedLogs everything(String... keptLevels) {
    return new CapturedLogs(List.of(keptLevels));
  }

  /** Each event as one text: logger, level, message with its arguments, and any throwable in full. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : events) {
      var line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getLevel()).append(' ')
          .append(event.getFormattedMessage());
      for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
        line.append(" | ").append(thrown.getClassName()).append(": ").append(thrown.getMessage());
        for (StackTraceElementProxy frame : thrown.getStackTraceElementProxyArray()) {
          line.append(" | ").append(frame.getSTEAsString());
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** All of {@link #lines()} as one text. */
  public String text() {
    return String.join("\n", lines());
  }

  /** The first line containing {@code fragment}, within {@code bound}. */
  public String await(String fragment, Duration bound) {
    return Eventually.await("a log line with '" + fragment + "'", bound,
        () -> lines().stream().filter(line -> line.contains(fragment)).findFirst().orElse(null),
        line -> line != null);
  }

  @Override
  public void close() {
    root().detachAppender(appender);
    appender.stop();
    levelsBefore.forEach(Logger::setLevel);
  }

  private Logger root() {
    return context.getLogger(Logger.ROOT_LOGGER_NAME);
  }
}
