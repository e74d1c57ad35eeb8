package dev.vastbot.cli;

import dev.vastbot.app.VastConnection;
import dev.vastbot.app.Vastbot;
import dev.vastbot.app.config.ConfigLoader;
import dev.vastbot.app.config.VastbotConfig;
import dev.vastbot.fleet.Pause;
import dev.vastbot.store.JdbcFleetStore;
import java.nio.file.Path;

/** Builds the bot for a CLI verb from the config files and the environment. */
final class BotAssembly {
  private BotAssembly() {}

  static VastbotConfig config(CliContext context) {
    return ConfigLoader.load(configDir(context), context.env(), context.home());
  }

  static Path configDir(CliContext context) {
    return ConfigLoader.configDir(context.env());
  }

  /** Config, a Vast client for VAST_API_URL, and the store; the caller closes it. */
  static Vastbot open(CliContext context, VastbotConfig config) {
    var provider = VastConnection.connect(config.vast(), context.env(), context.clock(), Pause.sleeping());
    var store = JdbcFleetStore.open(config.store().jdbcUrl());
    return new Vastbot(provider, store, config.provisionPolicy(), context.clock(), Pause.sleeping());
  }
}
