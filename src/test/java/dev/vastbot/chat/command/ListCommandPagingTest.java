package dev.vastbot.chat.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.chat.view.Paging;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.work.WorkloadTable;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.MutableClock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListCommandPagingTest {
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider provider = new FakeGpuProvider();

  private CommandRouter routerWith(int instances) {
    for (long id = 1; id <= instances; id++) {
      provider.withRunningInstance(id, "RTX 4090");
    }
    var fleet = FleetSnapshots.uncached(provider, clock);
    return new CommandRouter(List.of(new ListCommand(fleet, clock, new WorkloadTable(Map.of(), "square8"))));
  }

  private static String text(Reply reply) {
    return new TextRenderer().render(reply);
  }

  private static List<String> ids(String out) {
    return out.lines().skip(2).map(line -> line.split(" ")[0]).filter(id -> id.matches("\\d+")).toList();
  }

  @Test
  void withoutPage_theConsoleGetsEveryInstance_andNoNextLine() throws Exception {
    String out = text(routerWith(1000).route("/vast list", Caller.console()));
    assertTrue(out.startsWith("Instances (1,000, as of 0s ago)\n"), out.lines().findFirst().orElseThrow());
    assertEquals(1000, ids(out).size());
    assertFalse(out.contains("Next:"));
  }

  @Test
  void withoutPage_theTableSaysHowItPages() throws Exception {
    Reply reply = routerWith(30).route("/vast list", Caller.console());
    var table = (Table) reply.blocks().get(1);
    assertEquals(Optional.of(new Paging("/vast list", ListCommand.PAGE_SIZE)), table.paging());
  }

  @Test
  void pageTwo_listsInstances26To50_namesThePage_andPointsAtTheNext() throws Exception {
    String out = text(routerWith(1000).route("/vast list --page 2", Caller.console()));
    assertTrue(out.startsWith("Instances (1,000, page 2 of 40, as of 0s ago)\n"), out);
    List<String> ids = ids(out);
    assertEquals(25, ids.size(), out);
    assertEquals("26", ids.get(0));
    assertEquals("50", ids.get(24));
    assertTrue(out.endsWith("Next: /vast list --page 3\n"), out);
  }

  @Test
  void lastPage_mayBeShort_andHasNoNextLine() throws Exception {
    String out = text(routerWith(60).route("/vast list --page 3", Caller.console()));
    assertTrue(out.startsWith("Instances (60, page 3 of 3, "), out);
    assertEquals(List.of("51", "52", "53", "54", "55", "56", "57", "58", "59", "60"), ids(out));
    assertFalse(out.contains("Next:"), out);
  }

  @Test
  void pagePastTheEnd_isASpecificError_namingTheLastPage() throws Exception {
    String out = text(routerWith(1000).route("/vast list --page 41", Caller.console()));
    assertEquals("ERROR: No page 41: 1,000 instances make 40 pages of 25. Try: /vast list --page 40\n", out);
  }

  @Test
  void emptyFleet_hasOnePage_thatSaysNone() throws Exception {
    String out = text(routerWith(0).route("/vast list --page 1", Caller.console()));
    assertTrue(out.startsWith("Instances (0, page 1 of 1, "), out);
    assertTrue(out.contains("(none)"), out);
  }

  @Test
  void pageThatIsNotAPositiveNumber_isRefusedWithTheRange() throws Exception {
    CommandRouter router = routerWith(3);
    for (String page : List.of("0", "-1", "two", "10001")) {
      String out = text(router.route("/vast list --page " + page, Caller.console()));
      assertTrue(out.contains("--page must be a whole number from 1 to 10000, got '" + page + "'."), out);
    }
  }

  @Test
  void freshAndPage_goTogether() throws Exception {
    CommandRouter router = routerWith(30);
    int listsBefore = provider.listCount();
    String out = text(router.route("/vast list --fresh --page 2", Caller.console()));
    assertTrue(out.startsWith("Instances (30, page 2 of 2, "), out);
    assertEquals(listsBefore + 1, provider.listCount());
  }

  @Test
  void usage_showsThePageOption() {
    var list = new ListCommand(FleetSnapshots.uncached(provider, clock), clock, new WorkloadTable(Map.of(), "square8"));
    assertEquals("/vast list [--fresh] [--page N]", list.spec().usage());
  }
}
