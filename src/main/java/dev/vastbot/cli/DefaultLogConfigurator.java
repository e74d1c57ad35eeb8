package dev.vastbot.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * logback's configuration until {@link LogSetup} runs, and in tests, which never run it: INFO and
 * up on stderr, noisy libraries at WARN. Found by logback through {@code META-INF/services}, ahead
 * of any {@code logback.xml}; without it logback would print DEBUG on stdout.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class DefaultLogConfigurator extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    LogSetup.configureDefault(context, System.err, LogSecrets.fromEnvironment(System.getenv()));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
