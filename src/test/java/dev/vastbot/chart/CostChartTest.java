package dev.vastbot.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vastbot.fleet.cost.Accrual;
import dev.vastbot.fleet.cost.DailySpend;
import dev.vastbot.fleet.cost.InstanceSpend;
import dev.vastbot.testing.InMemoryFleetStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The cost chart is an 800×400 PNG of the last 30 days, a day without spend drawn as $0. */
class CostChartTest {
  private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");

  @Test
  void theLastThirtyDaysComeFromTheLedger_withGapsAsZero() {
    var store = new InMemoryFleetStore();
    store.accrueSpend(new Accrual(null, null, NOW, List.of(new InstanceSpend(LocalDate.parse("2026-12-10"), 1, 12),
        new InstanceSpend(LocalDate.parse("2026-11-11"), 1, 30), new InstanceSpend(LocalDate.parse("2026-11-10"), 1,
            99))));

    List<DailySpend> days = CostChart.lastDays(store, NOW, ZoneOffset.UTC);

    assertEquals(30, days.size());
    assertEquals(new DailySpend(LocalDate.parse("2026-11-11"), 30), days.get(0));
    assertEquals(new DailySpend(LocalDate.parse("2026-11-12"), 0), days.get(1));
    assertEquals(new DailySpend(LocalDate.parse("2026-12-10"), 12), days.get(29));
  }

  @Test
  void rendersAPngOfTheChartsSize() throws IOException {
    List<DailySpend> days = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      days.add(new DailySpend(LocalDate.parse("2026-11-11").plusDays(i), 20 + 35 * Math.abs(Math.sin(i / 4.0))));
    }

    byte[] png = CostChart.png(days, 50, ZoneOffset.UTC);

    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(CostChart.WIDTH, image.getWidth());
    assertEquals(CostChart.HEIGHT, image.getHeight());
  }
}
