package dev.vastbot.chat.command;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.access.Effect;
import dev.vastbot.chat.view.Reply;

/**
 * One {@code /vast} sub-command. Handlers are registered with the {@link CommandRouter}, which
 * parses and validates the line against {@link #spec()}, checks that the caller may run a command
 * with its {@link #effect}, and only then calls {@link #handle}.
 */
public interface CommandHandler {
  CommandSpec spec();

  /**
   * What running the command with these (valid) arguments does: reads, changes the fleet, or
   * decides a request. Who may run it follows from this, for every face alike.
   */
  Effect effect(Arguments arguments);

  /**
   * Runs the command. May throw {@link dev.vastbot.fleet.ProviderException} or {@link
   * dev.vastbot.fleet.StoreException}; the router turns them into an error reply.
   */
  Reply handle(Arguments arguments, Actor actor) throws InterruptedException;

  /** Runs the command for {@code caller}; a command that answers about the caller overrides this. */
  default Reply handle(Arguments arguments, Caller caller) throws InterruptedException {
    return handle(arguments, caller.actor());
  }
}
