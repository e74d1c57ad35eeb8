package dev.vastbot.cli;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import dev.vastbot.fleet.text.SafeText;
import java.util.Arrays;

/**
 * A throwable as logback prints it, with its message (and its causes' and suppressed ones')
 * made one safe line: a message cannot add lines to a stack trace nor carry a terminal escape.
 */
final class EscapedThrowableProxy implements IThrowableProxy {
  private final IThrowableProxy proxy;

  EscapedThrowableProxy(IThrowableProxy proxy) {
    this.proxy = proxy;
  }

  @Override
  public String getMessage() {
    return escaped(proxy.getMessage());
  }

  @Override
  public String getOverridingMessage() {
    return escaped(proxy.getOverridingMessage());
  }

  @Override
  public String getClassName() {
    return SafeText.forLogLine(proxy.getClassName());
  }

  @Override
  public StackTraceElementProxy[] getStackTraceElementProxyArray() {
    return proxy.getStackTraceElementProxyArray();
  }

  @Override
  public int getCommonFrames() {
    return proxy.getCommonFrames();
  }

  @Override
  public IThrowableProxy getCause() {
    return proxy.getCause() == null ? null : new EscapedThrowableProxy(proxy.getCause());
  }

  @Override
  public IThrowableProxy[] getSuppressed() {
    IThrowableProxy[] suppressed = proxy.getSuppressed();
    return suppressed == null ? null
        : Arrays.stream(suppressed).map(EscapedThrowableProxy::new).toArray(IThrowableProxy[]::new);
  }

  @Override
  public boolean isCyclic() {
    return proxy.isCyclic();
  }

  private static String escaped(String message) {
    return message == null ? null : SafeText.forLogLine(message);
  }
}
