package dev.vastbot.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Where log events go, set once at process start before anything logs. vastbot logs through
 * SLF4J, whose backend is logback; the domain package ({@code fleet}) does not log.
 *
 * <ul>
 *   <li>{@link #forCli}, for {@code demo} and the CLI verbs: the console is for replies. Events of
 *       INFO and up go to {@code var/log/vastbot.log} (or {@code $VASTBOT_LOG_DIR/vastbot.log}),
 *       rotated by size; stderr shows only warnings and errors, or INFO and up when verbose. If
 *       the folder cannot be created or written, stderr only, after one warning.
 *   <li>{@link #forServer}, for {@code serve}: every event of INFO and up on stdout, as servers do.
 * </ul>
 *
 * <p>Every event is one line, safe for a terminal and free of the environment's secrets
 * ({@link SafeLineLayout}, {@link LogSecrets}): ISO time, level, logger, message, with control
 * characters (line breaks too) escaped and a stack trace folded into that line. okhttp3, MINA SSHD, Jetty and the simulator log at WARN
 * and up unless verbose; Bolt's request parser, which would log a request body, not at all.
 * java.util.logging (and with it the JDK's own {@link System.Logger}, which falls back to it) and
 * the exceptions of threads that die are sent through SLF4J too ({@link JdkOutputBridge}), so
 * nothing the JDK would print reaches stderr raw.
 * In-process CLI tests run commands without it, so they never write a log file: they log as the
 * test JVM does ({@link DefaultLogConfigurator}: stderr).
 */
final class LogSetup {
  static final String LOG_DIR_VARIABLE = "VASTBOT_LOG_DIR";
  static final Path DEFAULT_LOG_DIR = Path.of("var", "log");
  static final String FILE_NAME = "vastbot.log";
  static final Rotation ROTATION = new Rotation(10L * 1024 * 1024, 4);

  /** At WARN, or INFO when verbose; never lower (Jetty's DEBUG lines show the bytes it reads). */
  private static final List<String> NOISY_LOGGERS =
      List.of("okhttp3", "org.apache.sshd", "dev.vastbot.sim", "org.eclipse.jetty");
  /**
   * Loggers that would write a request body: Bolt's parser warns with the whole body of a request
   * it cannot place ("No request pattern detected for ..."). The HTTP front only lets it see
   * requests Slack signed, and logs nothing of a body itself; these stay off even so.
   */
  private static final List<String> BODY_LOGGERS = List.of("com.slack.api.bolt.util.SlackRequestParser");
  /**
   * {@link SafeLineLayout} escapes control characters in the message (line breaks too) and in each
   * throwable's message; the lines of a stack trace are then folded into one with " | ".
   */
  private static final String LINE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %level %logger - %msg"
      + "%replace(%replace(%ex){'\\s+$', ''}){'^(?=.)|\\R\\s*', ' | '}%n";

  /**
   * How the log file rotates: when it reaches {@code maxFileBytes} it becomes {@code vastbot.1.log}
   * (the older ones move up one), and at most {@code olderFiles} are kept.
   */
  record Rotation(long maxFileBytes, int olderFiles) {
    Rotation {
      if (maxFileBytes < 1 || olderFiles < 1 || olderFiles > 20) {
        throw new IllegalArgumentException("rotation: need maxFileBytes >= 1 and 1..20 older files, "
            + "got " + maxFileBytes + " and " + olderFiles);
      }
    }
  }

  private LogSetup() {}

  /** {@code demo} and the CLI verbs: log file, and stderr for warnings (INFO too when verbose). */
  static void forCli(CliContext cli, boolean verbose) {
    configureCli(processLogging(), cli.err(), logDir(cli.env()), ROTATION, verbose,
        LogSecrets.fromEnvironment(cli.env()));
  }

  /** {@code serve}: one line per event of INFO and up on stdout. */
  static void forServer(CliContext cli) {
    configureServer(processLogging(), cli.out(), LogSecrets.fromEnvironment(cli.env()));
  }

  /** {@code $VASTBOT_LOG_DIR} when set, else {@code var/log} in the working directory. */
  static Path logDir(Map<String, String> env) {
    String dir = env.get(LOG_DIR_VARIABLE);
    return dir == null || dir.isBlank() ? DEFAULT_LOG_DIR : Path.of(dir);
  }

  static void configureCli(LoggerContext context, OutputStream stderr, Path logDir, Rotation rotation,
      boolean verbose, LogSecrets secrets) {
    JdkOutputBridge.install();
    context.reset();
    setLevels(context, verbose);
    root(context).addAppender(
        streamAppender(context, "stderr", stderr, verbose ? Level.INFO : Level.WARN, secrets));
    try {
      root(context).addAppender(fileAppender(context, logDir, rotation, secrets));
    } catch (IOException unwritable) {
      context.getLogger(LogSetup.class).warn(
          "cannot write the log file in {} ({}: {}); logging to stderr only", logDir.toAbsolutePath(),
          unwritable.getClass().getSimpleName(), unwritable.getMessage());
    }
  }

  static void configureServer(LoggerContext context, OutputStream stdout, LogSecrets secrets) {
    JdkOutputBridge.install();
    context.reset();
    setLevels(context, false);
    root(context).addAppender(streamAppender(context, "stdout", stdout, Level.INFO, secrets));
  }

  /** Before {@link #forCli} or {@link #forServer}, and in tests: INFO and up on stderr. */
  static void configureDefault(LoggerContext context, OutputStream stderr, LogSecrets secrets) {
    JdkOutputBridge.install();
    context.reset();
    setLevels(context, false);
    root(context).addAppender(streamAppender(context, "stderr", stderr, Level.INFO, secrets));
  }

  private static LoggerContext processLogging() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }

  private static Logger root(LoggerContext context) {
    return context.getLogger(Logger.ROOT_LOGGER_NAME);
  }

  private static void setLevels(LoggerContext context, boolean verbose) {
    root(context).setLevel(Level.INFO);
    Level noisy = verbose ? Level.INFO : Level.WARN;
    NOISY_LOGGERS.forEach(name -> context.getLogger(name).setLevel(noisy));
    BODY_LOGGERS.forEach(name -> context.getLogger(name).setLevel(Level.OFF));
  }

  private static Appender<ILoggingEvent> streamAppender(LoggerContext context, String name,
      OutputStream stream, Level threshold, LogSecrets secrets) {
    var appender = new OutputStreamAppender<ILoggingEvent>();
    appender.setContext(context);
    appender.setName(name);
    appender.setEncoder(lineEncoder(context, secrets));
    appender.setOutputStream(new KeptOpen(stream));
    var filter = new ThresholdFilter();
    filter.setContext(context);
    filter.setLevel(threshold.levelStr);
    filter.start();
    appender.addFilter(filter);
    appender.start();
    return appender;
  }

  private static Appender<ILoggingEvent> fileAppender(LoggerContext context, Path dir, Rotation rotation,
      LogSecrets secrets) throws IOException {
    Path file = writableLogFile(dir);
    var appender = new RollingFileAppender<ILoggingEvent>();
    appender.setContext(context);
    appender.setName("file");
    appender.setFile(file.toString());
    appender.setEncoder(lineEncoder(context, secrets));

    var window = new FixedWindowRollingPolicy();
    window.setContext(context);
    window.setParent(appender);
    window.setFileNamePattern(dir.resolve("vastbot.%i.log").toString());
    window.setMinIndex(1);
    window.setMaxIndex(rotation.olderFiles());
    window.start();

    var size = new SizeBasedTriggeringPolicy<ILoggingEvent>();
    size.setContext(context);
    size.setMaxFileSize(new FileSize(rotation.maxFileBytes()));
    // logback looks at the size once a minute by default; at our few lines a minute, once an event is cheap
    size.setCheckIncrement(Duration.buildByMilliseconds(0));
    size.start();

    appender.setRollingPolicy(window);
    appender.setTriggeringPolicy(size);
    appender.start();
    if (!appender.isStarted()) {
      throw new IOException("could not open " + file);
    }
    return appender;
  }

  private static Path writableLogFile(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE_NAME);
    if (!Files.isWritable(dir) || (Files.exists(file) && !Files.isWritable(file))) {
      throw new IOException("not writable");
    }
    return file;
  }

  /** The one encoder of every appender: {@link SafeLineLayout}, UTF-8. */
  private static LayoutWrappingEncoder<ILoggingEvent> lineEncoder(LoggerContext context, LogSecrets secrets) {
    var layout = new SafeLineLayout(secrets);
    layout.setContext(context);
    layout.setPattern(LINE_PATTERN);
    layout.start();
    var encoder = new LayoutWrappingEncoder<ILoggingEvent>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.start();
    return encoder;
  }

  /** stdout and stderr outlive a logging reset: closing the appender only flushes them. */
  private static final class KeptOpen extends FilterOutputStream {
    KeptOpen(OutputStream stream) {
      super(stream);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
