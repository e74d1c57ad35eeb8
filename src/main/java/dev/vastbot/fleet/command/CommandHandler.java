package dev.vastbot.fleet.command;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.view.Reply;

/**
 * One {@code /vast} sub-command. Handlers are registered with the {@link CommandRouter}, which
 * parses and validates the line against {@link #spec()} before calling {@link #handle}.
 */
public interface CommandHandler {
  CommandSpec spec();

  /**
   * Runs the command. May throw {@link dev.vastbot.fleet.ProviderException} or {@link
   * dev.vastbot.fleet.StoreException}; the router turns them into an error reply.
   */
  Reply handle(Arguments arguments, Actor actor) throws InterruptedException;
}
