package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.access.Caller;

/**
 * One {@code /vast} sub-command. Handlers are registered with the {@link CommandRouter}, which
 * parses and validates the line against {@link #spec()} once, checks that the caller may run a
 * command with the effect its {@link #traits} declare, and only then calls {@link #handle} with the
 * parsed arguments.
 */
public interface CommandHandler {
  CommandSpec spec();

  /**
   * What running the command with these (valid) arguments is, declared once: what it does (reads,
   * changes the fleet, or decides a request: who may run it follows from this, for every face
   * alike), whether its answer is ready at once, whether it is about the caller, whether it reads
   * the fleet snapshot. Pure: reads nothing but the arguments; never null.
   */
  CommandTraits traits(Arguments arguments);

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
