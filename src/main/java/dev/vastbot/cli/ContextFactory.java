package dev.vastbot.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Creates picocli commands, handing each the {@link CliContext} when its constructor takes one. */
final class ContextFactory implements CommandLine.IFactory {
  private final CliContext context;

  ContextFactory(CliContext context) {
    this.context = context;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    try {
      Constructor<K> constructor = type.getDeclaredConstructor(CliContext.class);
      constructor.setAccessible(true);
      return constructor.newInstance(context);
    } catch (NoSuchMethodException noContext) {
      return CommandLine.defaultFactory().create(type);
    }
  }
}
