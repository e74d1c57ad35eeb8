package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.Actor;
import java.util.Optional;

/**
 * A handler whose answer is ready at once or not depending on what it finds, not on its words
 * alone: {@code /vast health} answers from the last sweep's results, unless it would have to
 * probe instances that no sweep under way is probing. {@link CommandRouter#routeAtOnce} asks it.
 */
public interface AnswersAtOnce {

  /**
   * The reply when it needs no slow work now (no Vast call, no SSH, no wait for a sweep): read
   * from memory, the fleet snapshot and the store's reads; else empty, and the caller routes the
   * line later ({@link CommandHandler#handle}). Never waits; changes nothing.
   */
  Optional<Reply> answerAtOnce(Arguments arguments, Actor actor);
}
