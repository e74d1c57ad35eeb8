package dev.vastbot.chart;

import dev.vastbot.chat.command.CommandAttachments;
import dev.vastbot.fleet.cost.DailySpend;
import dev.vastbot.fleet.cost.SpendLedger;
import dev.vastbot.fleet.port.SpendStore;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The chart of {@code /vast cost} and {@code autoscaler --cost --png}: daily spend as bars against
 * the daily budget as a horizontal line, drawn headless (no display needed) as an 800×400 PNG.
 */
public final class CostChart {
  public static final int WIDTH = 800;
  public static final int HEIGHT = 400;
  /** How many days the chart shows, today included. */
  public static final int DAYS = 30;
  private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

  private CostChart() {}

  /**
   * {@code /vast cost}'s chart as an attachment (Slack uploads it after the answer), drawn from
   * the bot's ledger and in its zone; no attachment for any other line.
   */
  public static CommandAttachments attachments(
      SpendStore store, ZoneId zone, double dailyBudget, java.time.Clock clock) {
    return command -> {
      if (!command.spec().name().equals("cost")) {
        return List.of();
      }
      Instant now = clock.instant();
      byte[] png = png(lastDays(store, now, zone), dailyBudget, zone);
      return List.of(new CommandAttachments.Attachment("spend-" + now.atZone(zone).toLocalDate() + ".png",
          "Daily spend, last " + DAYS + " days, against the daily budget", png));
    };
  }

  /** The last {@value #DAYS} days of the ledger up to {@code now}'s day in {@code zone}, a day without spend as $0. */
  public static List<DailySpend> lastDays(SpendStore store, Instant now, ZoneId zone) {
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate first = today.minusDays(DAYS - 1);
    Map<LocalDate, Double> spent = new TreeMap<>();
    store.dailySpend(first, today).forEach(day -> spent.put(day.day(), day.dollars()));
    List<DailySpend> days = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
      days.add(new DailySpend(day, spent.getOrDefault(day, 0.0)));
    }
    return days;
  }

  /** The PNG of {@code days} (in order; see {@link #lastDays}) with the budget line at {@code dailyBudget}. */
  public static byte[] png(List<DailySpend> days, double dailyBudget, ZoneId zone) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    JFreeChart chart = chart(days, dailyBudget, zone);
    var out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException("could not draw the cost chart: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private static JFreeChart chart(List<DailySpend> days, double dailyBudget, ZoneId zone) {
    var dataset = new DefaultCategoryDataset();
    double highest = dailyBudget;
    for (DailySpend day : days) {
      dataset.addValue(day.dollars(), "spend", LABEL.format(day.day()));
      highest = Math.max(highest, day.dollars());
    }
    String zoneName = SpendLedger.zoneName(zone);
    JFreeChart chart = ChartFactory.createBarChart("Daily spend, last " + days.size() + " days (" + zoneName + ")",
        "day (" + zoneName + ")", "spend (USD)", dataset, PlotOrientation.VERTICAL, false, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    plot.getRangeAxis().setRange(0, highest * 1.15);
    BarRenderer bars = (BarRenderer) plot.getRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, new Color(0x3B, 0x6E, 0xA8));
    plot.addRangeMarker(budgetLine(dailyBudget));
    return chart;
  }

  private static ValueMarker budgetLine(double dailyBudget) {
    var line = new ValueMarker(dailyBudget, new Color(0xC6, 0x28, 0x28), new BasicStroke(2f));
    line.setLabel(String.format(Locale.ROOT, "daily budget $%.2f", dailyBudget));
    line.setLabelPaint(new Color(0xC6, 0x28, 0x28));
    line.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    line.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
    return line;
  }
}
