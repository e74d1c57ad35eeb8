package dev.vastbot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's demo line, run against the packaged jar. */
class DemoJarIT {
  @Test
  void readmeDemo_printsFleet_offersByPrice_andTwoRunningRtx4090s() throws Exception {
    String input = "/vast status\n/vast offers --gpu-type RTX_4090\n"
        + "/vast provision --gpu-type RTX_4090 --count 2\n/vast list\n";
    var result = JarProcess.run(Map.of(), Path.of("").toAbsolutePath(), input, 120, "demo");
    assertEquals(0, result.exitCode(), result.out() + result.err());
    String out = result.out();
    assertTrue(out.contains("Fleet status"), out);

    String offers = out.substring(out.indexOf("> /vast offers"), out.indexOf("> /vast provision"));
    List<Double> prices = Pattern.compile("\\$(\\d+\\.\\d+)/h").matcher(offers).results()
        .map(m -> Double.parseDouble(m.group(1))).toList();
    assertTrue(prices.size() >= 3, offers);
    for (int i = 1; i < prices.size(); i++) {
      assertTrue(prices.get(i - 1) <= prices.get(i), "offers sorted by price: " + prices);
    }

    String list = out.substring(out.indexOf("> /vast list"));
    long running4090 = list.lines().filter(l -> l.contains("RTX 4090") && l.contains(" running ")).count();
    assertEquals(2, running4090, list);
  }
}
