package dev.vastbot.cli;

import dev.vastbot.app.Vastbot;
import picocli.CommandLine.Option;

/**
 * {@code --fresh} on the CLI verbs: list the whole fleet before anything else, instead of letting
 * the first read of the process list it. The verbs answer from the shared snapshot like the bot
 * does; a new process has none yet, so its first read always lists.
 */
final class FreshOption {
  @Option(names = "--fresh", description = "list the whole fleet first, then act on that list")
  boolean fresh;

  void applyTo(Vastbot bot) {
    if (fresh) {
      bot.snapshots().refresh();
    }
  }
}
