package dev.vastbot.fleet.command;

import java.util.List;
import java.util.Set;

/**
 * What a parsed command does, in one place: whether it changes anything (then only operators may
 * run it, and it is audited) and whether it answers at once (from the store and the fleet
 * snapshot, within Slack's 3-second deadline) or needs slow work (Vast calls, SSH).
 */
public final class CommandEffects {
  private static final Set<String> READ_ONLY = Set.of("help", "status", "list", "offers", "health", "logs", "audit",
      "policy", "cost");
  // policy is read-only but not instant: what each group would do now needs offers and the demand
  private static final Set<String> INSTANT = Set.of("help", "status", "list", "audit", "cost");

  private CommandEffects() {}

  /** Whether {@code words} (the command's name first, then its arguments) change anything. */
  public static boolean mutating(List<String> words) {
    if (words.isEmpty()) {
      return false;
    }
    String name = words.get(0);
    String first = words.size() > 1 ? words.get(1) : "";
    return switch (name) {
      case "sync" -> !first.equals("status");
      case "p2p" -> !first.equals("status");
      case "sim" -> true;
      case "autoscale" -> !words.contains("--dry-run");
      default -> !READ_ONLY.contains(name);
    };
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
