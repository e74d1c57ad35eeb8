package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Block;
import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.FleetSnapshot;
import dev.vastbot.fleet.cost.ChargeReconciliation;
import dev.vastbot.fleet.cost.SpendLedger;
import dev.vastbot.fleet.cost.SpendSummary;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.SpendStore;
import dev.vastbot.service.cost.ChargesCheck;
import dev.vastbot.service.cost.SpendTracker;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code /vast cost}: spend today and this month from the ledger, the rate now, the forecasts to
 * the end of the day and month, and the budget caps with how close each is; a notice for each cap
 * the forecast passes. With a {@link ChargesCheck}, also Vast's own charges for the month's complete
 * days beside the ledger's, and a warning naming the instances that differ most when the two differ
 * by more than {@value ChargeReconciliation#THRESHOLD_PERCENT} %. Answered at once unless Vast's
 * charges have to be asked for (then later: {@link AnswersAtOnce}).
 */
public final class CostCommand implements CommandHandler, AnswersAtOnce {
  private static final CommandSpec SPEC = CommandSpec.of("cost",
      "Spend today and this month, the forecast and the budget caps");
  private final FleetSnapshots fleet;
  private final SpendStore store;
  private final Clock clock;
  private final ZoneId zone;
  private final double dailyCap;
  private final double monthlyCap;
  private final ChargesCheck charges;
  private static final int NAMED_INSTANCES = 3;

  /**
   * @param zone the ledger's time zone (its days and months)
   * @param dailyCap {@code budgets.daily_usd}
   * @param monthlyCap {@code budgets.monthly_usd}
   */
  public CostCommand(FleetSnapshots fleet, SpendStore store, Clock clock, ZoneId zone, double dailyCap,
      double monthlyCap) {
    this(fleet, store, clock, zone, dailyCap, monthlyCap, null);
  }

  /** @param charges compares the ledger with Vast's charges; null to leave them out */
  public CostCommand(FleetSnapshots fleet, SpendStore store, Clock clock, ZoneId zone, double dailyCap,
      double monthlyCap, ChargesCheck charges) {
    this.charges = charges;
    this.fleet = Objects.requireNonNull(fleet, "fleet == null");
    this.store = Objects.requireNonNull(store, "store == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.zone = Objects.requireNonNull(zone, "zone == null");
    this.dailyCap = dailyCap;
    this.monthlyCap = monthlyCap;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  /** The answer, unless Vast's charges are not known yet (asking Vast is slow work). */
  @Override
  public java.util.Optional<Reply> answerAtOnce(Arguments arguments, Actor actor) {
    return charges == null || charges.answersAtOnce(clock.instant())
        ? java.util.Optional.of(handle(arguments, actor)) : java.util.Optional.empty();
  }

  @Override
  public CommandTraits traits(Arguments arguments) {
    return CommandTraits.readsAtOnce();
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) {
    FleetSnapshot snapshot = fleet.current();
    Instant now = clock.instant();
    SpendSummary summary = SpendTracker.summary(store, SpendLedger.hourlyRate(snapshot.instances()), now, zone);
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Heading("Spend on " + summary.today() + " (" + SpendLedger.zoneName(zone) + ")"));
    blocks.add(new Table(List.of("period", "spent", "forecast", "cap", "forecast of cap"), List.of(
        row("today", summary.spentToday(), summary.forecastToday(), dailyCap),
        row(summary.today().getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH)
            + " " + summary.today().getYear(), summary.spentThisMonth(), summary.forecastMonth(), monthlyCap))));
    blocks.add(new Paragraph("Spending " + CellFormat.perHour(summary.ratePerHour()) + " now ("
        + CellFormat.asOf(snapshot, now) + ") · ledger " + store.spendMark()
            .map(mark -> "accrued until " + CellFormat.age(mark, now) + " ago").orElse("not started yet")));
    capNotice("today", summary.forecastToday(), dailyCap, "daily").ifPresent(blocks::add);
    capNotice("this month", summary.forecastMonth(), monthlyCap, "monthly").ifPresent(blocks::add);
    if (charges != null) {
      blocks.addAll(chargesBlocks(charges.check(now)));
    }
    return new Reply(blocks);
  }

  /** "Vast's charges for <period>: $X (ledger $Y, differs by Z %)", and the warning when over the threshold. */
  private static List<Block> chargesBlocks(ChargesCheck.Outcome outcome) {
    String lead = "Vast's charges for " + outcome.period().display() + ": ";
    if (outcome instanceof ChargesCheck.Unavailable unavailable) {
      return List.of(new Paragraph(lead + unavailable.why() + "."));
    }
    ChargeReconciliation result = ((ChargesCheck.Compared) outcome).reconciliation();
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Paragraph(lead + CellFormat.dollars(result.vastTotal()) + " (ledger "
        + CellFormat.dollars(result.ledgerTotal()) + ", differs by " + percentOf(result.differencePercent()) + ")"));
    if (result.warrantsWarning()) {
      String named = result.differing().stream().limit(NAMED_INSTANCES)
          .map(d -> "instance " + d.instanceId() + " (ledger " + CellFormat.dollars(d.ledger()) + ", Vast "
              + CellFormat.dollars(d.vast()) + ", " + percentOf(d.percent()) + ")")
          .collect(java.util.stream.Collectors.joining(", "));
      blocks.add(new Notice(Notice.Level.WARNING, "The ledger and Vast's charges differ by more than "
          + percentOf(ChargeReconciliation.THRESHOLD_PERCENT)
          + (named.isEmpty() ? " in total." : "; most: " + named + ".")));
    }
    return blocks;
  }

  private static String percentOf(double percent) {
    return String.format(Locale.ROOT, "%.1f %%", percent);
  }

  private static List<String> row(String period, double spent, double forecast, double cap) {
    return List.of(period, CellFormat.dollars(spent), CellFormat.dollars(forecast), CellFormat.dollars(cap),
        percent(forecast, cap));
  }

  private static java.util.Optional<Block> capNotice(String period, double forecast, double cap, String capName) {
    if (forecast <= cap) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Notice(Notice.Level.WARNING, "The forecast for " + period + ", "
        + CellFormat.dollars(forecast) + ", passes the " + capName + " cap of " + CellFormat.dollars(cap) + "."));
  }

  private static String percent(double amount, double cap) {
    return cap > 0 ? String.format(Locale.ROOT, "%.0f %%", 100 * amount / cap) : "-";
  }
}
