package dev.vastbot.cli;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.vastbot.fleet.text.SafeText;
import java.util.List;

/**
 * The layout of every log line the bot writes, whoever logs it (our code, Bolt, Jetty, OkHttp,
 * MINA, the JDK's System.Logger): one event is one line that is safe for a terminal, with no
 * secret in it.
 *
 * <ul>
 *   <li>{@code %ex} escapes every control character ({@code \x1b}, {@code \r}, {@code \n}, C1
 *       such as {@code \x9b}, DEL, bidi overrides, unpaired surrogates) in the message of each
 *       throwable of a stack trace, so that the trace's own line breaks are the only ones left
 *       (the pattern folds them into " | ");
 *   <li>then the whole line (the message, logger and thread names, anything a pattern adds) is
 *       escaped but for its final line break, and every registered secret is removed from it.
 * </ul>
 *
 * Thread-safe once started, as logback's layouts are.
 */
final class SafeLineLayout extends PatternLayout {
  private static final List<String> THROWABLE_WORDS = List.of("ex", "exception", "throwable");

  private final LogSecrets secrets;

  SafeLineLayout(LogSecrets secrets) {
    this.secrets = secrets;
    THROWABLE_WORDS.forEach(word -> getInstanceConverterMap().put(word, EscapedThrowable::new));
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    String line = super.doLayout(event);
    int end = line.endsWith("\n") ? line.length() - 1 : line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    String body = secrets.redact(SafeText.forLogLine(line.substring(0, end)));
    return body + line.substring(end);
  }

  /** {@code %ex}: a stack trace whose throwables' messages have their control characters escaped. */
  static final class EscapedThrowable extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
      return super.throwableProxyToString(new EscapedThrowableProxy(proxy));
    }
  }
}
