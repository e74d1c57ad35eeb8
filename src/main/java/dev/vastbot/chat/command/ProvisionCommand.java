package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Block;
import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.BootOutcome;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.OfferQuery;
import dev.vastbot.fleet.ProvisionOrder;
import dev.vastbot.fleet.ProvisionResult;
import dev.vastbot.service.provision.Provisioner;
import java.util.ArrayList;
import java.util.List;

/** {@code /vast provision --gpu-type T --count N [--max-price P]}: rent and boot new instances. */
public final class ProvisionCommand implements CommandHandler {
  /** The most instances one command may ask for; the fleet cap still applies. */
  static final int MAX_COUNT = 20;
  private static final CommandSpec SPEC = CommandSpec.of("provision",
      "Rent the cheapest matching offers and wait until they run",
      OptionSpec.text("gpu-type", "T", true, "GPU model, e.g. RTX_4090"),
      OptionSpec.count("count", true, 1, MAX_COUNT, "how many instances"),
      OptionSpec.decimal("max-price", "P", 0.001, 128,
          "price ceiling per instance-hour, at most provision.max_price"));
  private final Provisioner provisioner;

  public ProvisionCommand(Provisioner provisioner) {
    this.provisioner = provisioner;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public CommandTraits traits(Arguments arguments) {
    return CommandTraits.changes();
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) throws InterruptedException {
    var order = new ProvisionOrder(
        OfferQuery.normalizeGpuName(arguments.text("gpu-type").orElseThrow()),
        arguments.count("count").orElseThrow(),
        arguments.decimal("max-price"));
    return render(provisioner.provision(order, actor), order);
  }

  /** How a provision ended (or that it waits for an approver). */
  static Reply render(ProvisionResult result, ProvisionOrder order) {
    if (result.awaitingApproval()) {
      return Reply.of(new Notice(Notice.Level.WARNING, "Provision " + result.operationId() + " of "
          + order.describe() + " is awaiting approval: " + result.refusal() + "."),
          new Paragraph("An approver decides: /vast approve " + result.operationId() + " or /vast deny "
              + result.operationId()));
    }
    if (result.refusal() != null) {
      return Reply.error("Nothing was provisioned: " + result.refusal() + ".");
    }
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Heading("Provision " + order.describe() + " (operation " + result.operationId() + ")"));
    List<List<String>> rows = result.boots().stream().map(ProvisionCommand::row).toList();
    blocks.add(new Table(List.of("id", "gpu", "status", "price", "ssh"), rows));
    result.notes().forEach(p -> blocks.add(new Paragraph("- " + p)));
    blocks.add(result.succeeded(order.count())
        ? new Notice(Notice.Level.SUCCESS, order.count() + " new instance(s) running.")
        : new Notice(Notice.Level.ERROR, failureSummary(order, result)));
    return new Reply(blocks);
  }

  private static String failureSummary(ProvisionOrder order, ProvisionResult result) {
    long running = result.boots().stream().filter(b -> b.kind() == BootOutcome.Kind.RUNNING).count();
    return running + " of " + order.count() + " requested instances are running. Instances that did not"
        + " come up are still rented (storage is billed); see /vast list.";
  }

  private static List<String> row(BootOutcome boot) {
    Instance last = boot.last().orElse(null);
    String status = switch (boot.kind()) {
      case RUNNING -> "running";
      case GONE -> "gone";
      case FAILED -> "failed: " + describe(last);
      case TIMED_OUT -> "not running before the deadline: " + describe(last);
    };
    return List.of(
        Long.toString(boot.id()),
        last == null ? "-" : last.gpuName(),
        status,
        last == null ? "-" : CellFormat.perHour(last.dphTotal()),
        last == null ? "-" : CellFormat.address(last.sshAddress().orElse(null)));
  }

  private static String describe(Instance instance) {
    if (instance == null) {
      return "never seen";
    }
    String message = instance.statusMessage();
    return instance.displayStatus() + (message == null ? "" : " (" + message + ")");
  }
}
