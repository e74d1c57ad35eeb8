package dev.vastbot.chat.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CellFormatTest {
  @Test
  void decimalsRoundAsTheFormatterDoes() {
    double[] edges = {0, -0.0, 0.0005, 0.0015, 0.0025, 1.0005, 1.005, 0.125, 0.1235, 2.675, -1.0005,
        -0.4995, 999.9995, 1e-9, 123456789.1234565, 0.1 + 0.2, Double.MIN_VALUE, 1e17,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (double value : edges) {
      assertSame(value);
    }
    var random = new SplittableRandom(20261201);
    for (int i = 0; i < 20_000; i++) {
      assertSame(random.nextDouble(0, 5));
      assertSame(Math.round(random.nextDouble(0, 5) * 10_000) / 10_000.0);
      assertSame(-random.nextDouble(0, 1000));
    }
  }

  @Test
  void pricesAndDollarsKeepTheirShape() {
    assertEquals("$0.350/h", CellFormat.perHour(0.35));
    assertEquals("$1.00", CellFormat.dollars(0.999));
    assertEquals("0.125", CellFormat.fraction(0.125));
  }

  private static void assertSame(double value) {
    for (int places = 2; places <= 3; places++) {
      String expected = String.format(Locale.ROOT, "%." + places + "f", value);
      if ("-0.00".equals(expected) || "-0.000".equals(expected)) {
        expected = expected.substring(1); // a negative zero shows as 0 in a reply
      }
      assertEquals(expected, CellFormat.decimals(value, places), () -> "value " + value);
    }
  }
}
