package dev.vastbot.chat.command;

import java.util.List;
import java.util.Set;

/**
 * How a parsed command is answered in Slack: at once (from memory, the store and the fleet
 * snapshot, within Slack's 3-second deadline) or after slow work (Vast calls, SSH), and whether its
 * answer is the caller's own (never shared with another caller). What a command changes is its
 * handler's {@link CommandHandler#effect}.
 */
public final class CommandEffects {
  // policy is read-only but not instant: what each group would do now needs offers and the demand
  private static final Set<String> INSTANT = Set.of("help", "whoami", "status", "list", "audit", "cost");
  /** Answers that read nothing of the fleet. */
  private static final Set<String> NO_FLEET = Set.of("help", "whoami");
  /** Answers about the caller: the same line from two people has two answers. */
  private static final Set<String> PERSONAL = Set.of("whoami");

  private CommandEffects() {}

  /** Whether the answer depends on who asks (so it is never shared between callers). */
  public static boolean personal(List<String> words) {
    return !words.isEmpty() && PERSONAL.contains(words.get(0));
  }

  /** Whether the answer reads the fleet snapshot (help and whoami do not: they need no first list). */
  public static boolean readsFleet(List<String> words) {
    return words.isEmpty() || !NO_FLEET.contains(words.get(0));
  }

  /** Whether the answer is ready at once (no Vast call, no SSH): it goes in the acknowledgement. */
  public static boolean instant(List<String> words) {
    if (words.isEmpty()) {
      return true;
    }
    String name = words.get(0);
    if (name.equals("health")) {
      return words.size() == 1;
    }
    if (name.equals("sync")) {
      return words.size() == 2 && words.get(1).equals("status");
    }
    return INSTANT.contains(name) && words.stream().noneMatch(w -> w.equals("--fresh"));
  }
}
