package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.autoscale.ScalingDecision;
import dev.vastbot.service.autoscale.Autoscaler;
import java.util.List;
import java.util.Optional;

/**
 * {@code /vast scale-up N [--group G]} and {@code /vast scale-down [N] [--group G]}: a person's
 * scale of one autoscaler group (the first when none is named). A scale-up stays within the
 * window's maximum and the budget forecast (over a cap it asks for approval instead); a scale-down
 * takes the worst games per dollar first, keeps the minimum, and goes through the safe
 * termination path (approval, sync, verify). Cooldowns do not apply: a person decided.
 */
public final class ScaleCommand implements CommandHandler {
  public static final int MAX_COUNT = 20;
  private final CommandSpec spec;
  private final boolean up;
  private final Autoscaler autoscaler;

  private ScaleCommand(boolean up, Autoscaler autoscaler) {
    this.up = up;
    this.autoscaler = autoscaler;
    this.spec = up
        ? new CommandSpec("scale-up", "Add N instances to an autoscaler group, within its maximum and budget",
            List.of("N"), 1, List.of(groupOption()))
        : new CommandSpec("scale-down", "Take N instances (default 1) out of an autoscaler group, synced first",
            List.of("N"), 0, List.of(groupOption()));
  }

  public static ScaleCommand up(Autoscaler autoscaler) {
    return new ScaleCommand(true, autoscaler);
  }

  public static ScaleCommand down(Autoscaler autoscaler) {
    return new ScaleCommand(false, autoscaler);
  }

  private static OptionSpec groupOption() {
    return OptionSpec.text("group", "NAME", false, "the autoscaler group (default: the first one)");
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public CommandTraits traits(Arguments arguments) {
    return CommandTraits.changes();
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) throws InterruptedException {
    int count = count(arguments.positional(0));
    Optional<String> group = arguments.text("group");
    Autoscaler.Outcome outcome;
    try {
      outcome = up ? autoscaler.scaleUp(group, count, actor) : autoscaler.scaleDown(group, count, actor);
    } catch (IllegalArgumentException noSuchGroup) {
      throw new InstanceId.BadArgument(noSuchGroup.getMessage() + ".");
    } catch (IllegalStateException notObserved) {
      return Reply.error("The group could not be observed, so nothing was done: " + notObserved.getMessage());
    }
    return view(outcome, false);
  }

  private int count(Optional<String> text) {
    if (text.isEmpty()) {
      return 1;
    }
    String digits = text.get();
    if (!digits.matches("\\d{1,3}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > MAX_COUNT) {
      throw new InstanceId.BadArgument("'" + digits + "' is not a count from 1 to " + MAX_COUNT + ".");
    }
    return Integer.parseInt(digits);
  }

  /** The decision and what was done, as one reply (also used by {@code /vast autoscale}). */
  static Reply view(Autoscaler.Outcome outcome, boolean dryRun) {
    ScalingDecision decision = outcome.decision();
    Notice.Level level = dryRun ? Notice.Level.INFO : switch (decision.kind()) {
      case HOLD -> Notice.Level.INFO;
      case NEEDS_APPROVAL -> Notice.Level.WARNING;
      default -> outcome.done().stream().anyMatch(line -> line.startsWith("failed")) ? Notice.Level.ERROR
          : Notice.Level.SUCCESS;
    };
    Reply reply = Reply.of(new Notice(level, decision.group() + ": " + decision.summary()));
    if (!outcome.done().isEmpty()) {
      reply = reply.then(new Paragraph(String.join("\n", outcome.done())));
    }
    return reply;
  }

  /**
   * {@code /vast autoscale [--dry-run] [--when-due]}: one autoscaler tick now, every group; with
   * {@code --when-due} (what {@code autoscaler --check} sends) only the groups whose tick is due,
   * the others a demand poll whose trigger may decide them at once.
   */
  public static CommandHandler tickNow(Autoscaler autoscaler) {
    CommandSpec spec = CommandSpec.of("autoscale", "Run the autoscaler once now over every group",
        OptionSpec.flag("dry-run", "decide and show, do nothing"),
        OptionSpec.flag("when-due", "a full tick only for the groups whose tick_minutes have passed; a demand"
            + " poll for the others, decided at once when the queue crossed the threshold or grows fast"));
    return new CommandHandler() {
      @Override
      public CommandSpec spec() {
        return spec;
      }

      @Override
      public CommandTraits traits(Arguments arguments) {
        return arguments.flag("dry-run") ? CommandTraits.readsSlowly() : CommandTraits.changes();
      }

      @Override
      public Reply handle(Arguments arguments, Actor actor) throws InterruptedException {
        boolean dryRun = arguments.flag("dry-run");
        List<Autoscaler.Outcome> outcomes = arguments.flag("when-due") ? autoscaler.tickWhenDue(dryRun)
            : autoscaler.tick(dryRun);
        Reply reply = Reply.of(new Heading("Autoscaler" + (dryRun ? " (dry run)" : "") + ": "
            + outcomes.size() + " group(s)"));
        for (Autoscaler.Outcome outcome : outcomes) {
          for (var block : view(outcome, dryRun).blocks()) {
            reply = reply.then(block);
          }
        }
        return reply;
      }
    };
  }
}
