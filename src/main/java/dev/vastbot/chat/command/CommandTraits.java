package dev.vastbot.chat.command;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.access.Effect;

/**
 * What running a command with given arguments is, as its handler declares it once ({@link
 * CommandHandler#traits}): what it does (reads, changes the fleet, or decides a request: who may run
 * it follows from this, for every face alike), whether its answer is ready at once (from memory, the
 * store's reads and the fleet snapshot: no Vast call, no SSH, no wait for a sweep), whether the
 * answer is about the caller (never shared with another caller), and whether it reads the fleet
 * snapshot (until the first list, an answer that does is not ready at once). Immutable.
 *
 * @param effect what the command does; never null
 * @param instant whether the answer is ready at once; only a read-only command may be
 * @param personal whether the same line from two people has two answers
 * @param readsFleet whether the answer reads the fleet snapshot
 */
public record CommandTraits(Effect effect, boolean instant, boolean personal, boolean readsFleet) {

  /** @throws IllegalArgumentException when a command that changes something claims to be instant */
  public CommandTraits {
    requireNonNull(effect, "effect == null");
    if (instant && effect != Effect.READ) {
      throw new IllegalArgumentException("only a read-only command is answered at once, not one that is " + effect);
    }
  }

  /** A read-only command whose answer needs slow work (a Vast call, SSH, a probe). */
  public static CommandTraits readsSlowly() {
    return new CommandTraits(Effect.READ, false, false, true);
  }

  /** A read-only command answered at once from the fleet snapshot, the store's reads or memory. */
  public static CommandTraits readsAtOnce() {
    return new CommandTraits(Effect.READ, true, false, true);
  }

  /** A read-only command answered at once when {@code atOnce}, else after slow work. */
  public static CommandTraits reads(boolean atOnce) {
    return atOnce ? readsAtOnce() : readsSlowly();
  }

  /** A command that changes the fleet (operators only, audited); never answered at once. */
  public static CommandTraits changes() {
    return new CommandTraits(Effect.MUTATING, false, false, true);
  }

  /** A command that decides a pending request (approvers only, audited); never answered at once. */
  public static CommandTraits decides() {
    return new CommandTraits(Effect.APPROVAL, false, false, true);
  }

  /** These traits for an answer that reads nothing of the fleet (it needs no first list). */
  public CommandTraits withoutFleet() {
    return new CommandTraits(effect, instant, personal, false);
  }

  /** These traits for an answer about the caller (rendered for each caller, never shared). */
  public CommandTraits aboutTheCaller() {
    return new CommandTraits(effect, instant, true, readsFleet);
  }
}
