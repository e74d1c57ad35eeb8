package dev.vastbot.fleet.autoscale;

import java.util.List;
import java.util.Locale;

/**
 * What a replacement costs on top of the rates: while the new instances are on trial the old ones
 * still run, so both are billed, for up to the group's {@link Pacing#replacementHealthWindow()}.
 * Forecast as a one-off amount on top of what was spent (the old ones' rate is already in the
 * spend rate; the new ones' for the window is the overlap). Pure.
 *
 * @param usd the new instances' price for the whole window
 */
record ReplacementOverlap(double usd, double ratePerHour, double hours) {

  /** The overlap of renting {@code chosen} under {@code pacing}'s window. */
  static ReplacementOverlap of(Pacing pacing, List<RankedOffer> chosen) {
    double rate = GroupDecision.sumOfPrices(chosen);
    double hours = pacing.replacementHealthWindow().toMillis() / 3_600_000.0;
    return new ReplacementOverlap(rate * hours, rate, hours);
  }

  /** For people: {@code overlap 0.25 $: both billed up to 0.5 h at 0.50 $/h}. */
  String describe() {
    return String.format(Locale.ROOT, "replacement overlap %.2f $: old and new both billed up to %.1f h,"
        + " the new at %.2f $/h", usd, hours, ratePerHour);
  }
}
