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

  @Test
  void demo_showsHealthOfEveryInstance_andKeepaliveBringsDeadWorkersBack() throws Exception {
    String input = "/vast provision --gpu-type RTX_3090 --count 2\n/vast health\n";
    var first = JarProcess.run(Map.of(), Path.of("").toAbsolutePath(), input, 120, "demo");
    String id = Pattern.compile("(?m)^(\\d{6,})\\s+RTX 3090").matcher(first.out()).results()
        .map(m -> m.group(1)).findFirst().orElseThrow(() -> new AssertionError(first.out()));
    input = "/vast provision --gpu-type RTX_3090 --count 2\n/vast health\n/vast sim workers-dead " + id
        + "\n/vast health " + id + "\n/vast keepalive\n/vast health " + id + "\n";
    var result = JarProcess.run(Map.of(), Path.of("").toAbsolutePath(), input, 180, "demo");
    String out = result.out();
    assertEquals(0, result.exitCode(), out + result.err());
    String[] parts = out.split("> /vast ");
    assertTrue(parts[2].startsWith("health\n") && parts[2].contains("Health of 2 running instance(s)"), parts[2]);
    assertTrue(parts[4].contains("no self-play workers"), parts[4]);
    assertTrue(parts[5].contains("OK: vast-" + id + ": workers restarted"), parts[5]);
    assertTrue(parts[6].lines().anyMatch(l -> l.startsWith(id) && l.contains(" healthy ")), parts[6]);
  }
}
