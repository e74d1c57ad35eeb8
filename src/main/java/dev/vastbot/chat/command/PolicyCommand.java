package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.PolicyView;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code /vast policy}: every autoscaler group, its limits and the time window in force now, and
 * what it would do now: the decision {@code autoscaler --check} would make, with its guard on
 * unknown demand (when the fleet could be observed; else the policy alone, saying why).
 */
public final class PolicyCommand implements CommandHandler {
  private static final CommandSpec SPEC = CommandSpec.of("policy",
      "The autoscaler's groups: limits, budgets, cooldowns, the time window in force now and what each would do");
  private final AutoscalerPolicy policy;
  private final Observer observer;
  private final Clock clock;
  private final java.util.function.Supplier<List<dev.vastbot.fleet.autoscale.PoolMember>> pool;
  private final String unobservable;

  /** Observes every group now (the Vast API, the store, the demand signal), as the tick does. */
  @FunctionalInterface
  public interface Observer {
    Map<String, PolicyView.Seen> observe() throws InterruptedException;
  }

  public PolicyCommand(AutoscalerPolicy policy, Observer observer, Clock clock) {
    this(policy, observer, clock, List::of);
  }

  /** @param pool every group's warm pool members now (the store's), shown under the groups */
  public PolicyCommand(AutoscalerPolicy policy, Observer observer, Clock clock,
      java.util.function.Supplier<List<dev.vastbot.fleet.autoscale.PoolMember>> pool) {
    this(policy, observer, clock, pool, null);
  }

  /** The policy alone, with nothing observed. */
  public PolicyCommand(AutoscalerPolicy policy, Clock clock) {
    this(policy, Map::of, clock);
  }

  private PolicyCommand(AutoscalerPolicy policy, Observer observer, Clock clock,
      java.util.function.Supplier<List<dev.vastbot.fleet.autoscale.PoolMember>> pool, String unobservable) {
    this.pool = pool;
    this.policy = policy;
    this.observer = observer;
    this.clock = clock;
    this.unobservable = unobservable;
  }

  /**
   * The policy alone where nothing can be observed (no API key, say); the reply ends with {@code
   * why} as a warning in place of what each group would do.
   */
  public static PolicyCommand policyOnly(AutoscalerPolicy policy, Clock clock, String why) {
    return new PolicyCommand(policy, Map::of, clock, List::of,
        java.util.Objects.requireNonNull(why, "why == null"));
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public CommandTraits traits(Arguments arguments) {
    return CommandTraits.readsSlowly();
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) throws InterruptedException {
    return reply();
  }

  /** The reply, the same for every caller: the policy, and what each group would do now when seen. */
  public Reply reply() throws InterruptedException {
    Map<String, PolicyView.Seen> observed = Map.of();
    String unobserved = unobservable;
    try {
      observed = observer.observe();
    } catch (ProviderException e) {
      unobserved = "What each group would do now is not shown: " + e.getMessage();
    }
    List<String> lines = new java.util.ArrayList<>(PolicyView.describeSeen(policy, observed, clock.instant()));
    lines.addAll(dev.vastbot.fleet.autoscale.WarmPoolView.describe(policy, pool.get(), clock.instant()));
    Reply reply = Reply.of(new Heading("Autoscaler policy (" + policy.groups().size() + " group(s), "
        + policy.zone() + ")"), new Paragraph(String.join("\n", lines)));
    return unobserved == null ? reply : reply.then(new Notice(Notice.Level.WARNING, unobserved));
  }
}
