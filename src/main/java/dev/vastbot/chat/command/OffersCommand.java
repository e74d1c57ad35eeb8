package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.OfferQuery;
import dev.vastbot.fleet.RentalType;
import dev.vastbot.fleet.port.GpuProvider;
import java.util.List;
import java.util.Optional;

/** {@code /vast offers [--gpu-type T] [--max-price P] [--limit N]}: rentable machines, cheapest first. */
public final class OffersCommand implements CommandHandler {
  private static final CommandSpec SPEC = CommandSpec.of("offers", "Search the marketplace, cheapest first",
      OptionSpec.text("gpu-type", "T", false, "GPU model, e.g. RTX_4090"),
      OptionSpec.decimal("max-price", "P", 0.001, 128, "highest price per hour, USD"),
      OptionSpec.count("limit", false, 1, 100, "how many offers to show (default 10)"));
  private final GpuProvider provider;
  private final double diskGb;

  public OffersCommand(GpuProvider provider, double diskGb) {
    this.provider = provider;
    this.diskGb = diskGb;
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
  public Reply handle(Arguments arguments, Actor actor) {
    Optional<String> gpu = arguments.text("gpu-type").map(OfferQuery::normalizeGpuName);
    var query = new OfferQuery(gpu, arguments.decimal("max-price"), 0, Optional.empty(),
        RentalType.ON_DEMAND, diskGb, arguments.count("limit").orElse(10));
    List<Offer> offers = provider.searchOffers(query);
    List<List<String>> rows = offers.stream().map(OffersCommand::row).toList();
    String title = "Offers" + gpu.map(g -> " for " + g).orElse("")
        + arguments.decimal("max-price").map(p -> " at or under " + CellFormat.perHour(p)).orElse("")
        + " (" + offers.size() + ", cheapest first)";
    return Reply.of(new Heading(title),
        new Table(List.of("offer", "gpu", "vram", "price", "reliability", "location"), rows));
  }

  private static List<String> row(Offer offer) {
    String gpu = offer.numGpus() > 1 ? offer.numGpus() + "x " + offer.gpuName() : offer.gpuName();
    return List.of(
        Long.toString(offer.id()),
        gpu,
        CellFormat.gigabytes(offer.gpuRamMb()),
        CellFormat.perHour(offer.dphTotal()),
        CellFormat.fraction(offer.reliability()),
        offer.geolocation() == null ? "-" : offer.geolocation());
  }
}
