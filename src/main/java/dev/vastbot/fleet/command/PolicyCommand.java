package dev.vastbot.fleet.command;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.PolicyView;
import dev.vastbot.fleet.view.Heading;
import dev.vastbot.fleet.view.Paragraph;
import dev.vastbot.fleet.view.Reply;
import java.time.Clock;
import java.util.List;

/** {@code /vast policy}: every autoscaler group, its limits and the time window in force now. */
public final class PolicyCommand implements CommandHandler {
  private static final CommandSpec SPEC = CommandSpec.of("policy",
      "The autoscaler's groups: limits, budgets, cooldowns and the time window in force now");
  private final AutoscalerPolicy policy;
  private final Clock clock;

  public PolicyCommand(AutoscalerPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) {
    List<String> lines = PolicyView.describe(policy, clock.instant());
    return Reply.of(new Heading("Autoscaler policy (" + policy.groups().size() + " group(s), " + policy.zone() + ")"),
        new Paragraph(String.join("\n", lines)));
  }
}
