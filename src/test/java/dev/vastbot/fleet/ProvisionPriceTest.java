package dev.vastbot.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What an approved amount holds: a rent that costs more per hour, or raises all groups' forecast,
 * passes it; a cheaper one is within it; a request stands for a need of its own count only.
 */
class ProvisionPriceTest {
  private static final ProvisionPrice ASKED = new ProvisionPrice(2, 0.40, 20.00);

  @Test
  void theSameOrACheaperRent_isWithinTheApprovedAmount() {
    assertEquals(Optional.empty(), ASKED.passedBy(new ProvisionPrice(2, 0.40, 20.00)));
    assertEquals(Optional.empty(), ASKED.passedBy(new ProvisionPrice(2, 0.35, 18.80)));
    assertEquals(Optional.empty(), ASKED.passedBy(new ProvisionPrice(1, 0.2005, 20.00)), "a fewer, within");
  }

  @Test
  void aPriceOrForecastRise_passesIt_andSaysFromWhatToWhat() {
    String price = ASKED.passedBy(new ProvisionPrice(2, 1.00, 34.40)).orElseThrow();
    assertEquals("the price rose from $0.40/h ($9.60/day; all groups forecast at $20.00/day) to $1.00/h"
        + " ($24.00/day; all groups forecast at $34.40/day)", price);
    String forecast = ASKED.passedBy(new ProvisionPrice(2, 0.40, 25.00)).orElseThrow();
    assertTrue(forecast.startsWith("the forecast rose from $0.40/h"), forecast);
  }

  @Test
  void aLargerNeed_differs_evenWhenCheaper_aSmallerOneStands() {
    assertEquals(Optional.of("it was for 2, the need now is 3 ($0.39/h ($9.36/day; all groups forecast at"
        + " $19.90/day))"), ASKED.differsFrom(new ProvisionPrice(3, 0.39, 19.90)));
    assertEquals(Optional.empty(), ASKED.differsFrom(new ProvisionPrice(2, 0.3995, 20.00)), "the same need");
    assertEquals(Optional.empty(), ASKED.differsFrom(new ProvisionPrice(1, 0.20, 19.80)), "a smaller need: no new prompt");
  }

  @Test
  void theMarketsWobble_withinTwoPercent_passesNothing() {
    assertEquals(Optional.empty(), ASKED.passedBy(new ProvisionPrice(2, 0.405, 20.30)));
    assertTrue(ASKED.passedBy(new ProvisionPrice(2, 0.41, 20.00)).isPresent(), "2.5 % more per hour");
    assertTrue(ASKED.passedBy(new ProvisionPrice(2, 0.40, 20.50)).isPresent(), "2.5 % more a day");
  }

  @Test
  void aPriceThatIsNoPrice_isRefusedWithWhatWasGiven() {
    var negative = assertThrows(IllegalArgumentException.class, () -> new ProvisionPrice(1, -0.1, 1));
    assertEquals("usdPerHour must be a price, got -0.1", negative.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ProvisionPrice(1, 0.1, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new ProvisionPrice(0, 0.1, 1));
  }
}
