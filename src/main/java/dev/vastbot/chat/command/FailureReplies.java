package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.InstanceUnavailableException;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a handler's work for the {@link CommandRouter} and turns its failures into error replies:
 * a bad argument with the command's usage, an instance that is gone with a pointer to the list, a
 * Vast or store failure with its (secret-free) message, anything else as an unexpected failure to
 * look up in the log. Stateless.
 */
final class FailureReplies {
  private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);

  private FailureReplies() {}

  /** A handler's work: its reply, or null when it has none (an answer at once that is not ready). */
  @FunctionalInterface
  interface Work {
    Reply run() throws InterruptedException;
  }

  /** Runs {@code work} for the command {@code spec} names; never throws but for an interruption. */
  static Reply guarded(CommandSpec spec, Work work) throws InterruptedException {
    try {
      return work.run();
    } catch (InstanceId.BadArgument e) {
      return Reply.error(e.getMessage()).then(new Paragraph("Try: " + spec.usage()));
    } catch (InstanceUnavailableException e) {
      return Reply.error(capitalized(e.getMessage()) + ".").then(new Paragraph("See /vast list."));
    } catch (ProviderException e) {
      log.warn("/vast {} failed: {}", spec.name(), e.getMessage());
      return Reply.error(e.getMessage());
    } catch (StoreException e) {
      log.error("/vast {}: store failure: {}", spec.name(), e.getMessage());
      return Reply.error("the store failed: " + e.getMessage());
    } catch (RuntimeException e) {
      log.error("/vast " + spec.name() + " failed unexpectedly", e);
      return Reply.of(new Notice(Notice.Level.ERROR,
          "/vast " + spec.name() + " failed unexpectedly (" + e.getClass().getSimpleName() + "); see the bot's log"));
    }
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
