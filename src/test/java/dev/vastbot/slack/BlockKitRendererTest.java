package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import dev.vastbot.chat.command.CommandRouter;
import dev.vastbot.chat.command.ListCommand;
import dev.vastbot.chat.view.Block;
import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Paging;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.work.WorkloadTable;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BlockKitRendererTest {
  private static final String HOSTILE =
      "<!channel> <@U1> <http://x|y> & \u0000 \u001b[31m <!here|here> &lt;";
  private final BlockKitRenderer renderer = new BlockKitRenderer();

  @Test
  void thousandRowTable_fitsOneMessage_andCountsTheRowsLeftOut() {
    List<LayoutBlock> blocks = renderer.render(Reply.of(new Heading("Big"), table(1000, "RTX 4090")));
    BlockKitTexts.assertWithinLimits(blocks);
    String note = BlockKitTexts.closingNote(blocks);
    assertTrue(note.matches("… \\d+ more rows not shown"), note);
    int shown = 1000 - Integer.parseInt(note.replaceAll("\\D", ""));
    assertEquals(shown, BlockKitTexts.of(blocks).stream().mapToLong(t -> t.lines().filter(l -> l.startsWith("row-")).count()).sum());
  }

  @Test
  void pagedTable_showsItsFirstPage_andNamesTheNextPageCommand() {
    var table = table(1000, "RTX 4090").pagedBy(new Paging("/vast list", 25));
    List<LayoutBlock> blocks = renderer.render(Reply.of(new Heading("Instances (1,000, as of 0s ago)"), table));
    BlockKitTexts.assertWithinLimits(blocks);
    assertEquals("… 975 more rows: /vast list --page 2", BlockKitTexts.closingNote(blocks));
    String shown = String.join("\n", BlockKitTexts.of(blocks));
    assertTrue(shown.contains("row-25 ") && !shown.contains("row-26 "), shown);
  }

  @Test
  void thousandInstanceFleet_rendersAsSummaryPlusFirstPage_andPageTwoAsItsOwnMessage() throws Exception {
    var provider = new FakeGpuProvider();
    LongStream.rangeClosed(1, 1000).forEach(id -> provider.withRunningInstance(id, "RTX 4090"));
    var clock = MutableClock.atEpochDay();
    var router = new CommandRouter(List.of(new ListCommand(FleetSnapshots.uncached(provider, clock), clock,
        new WorkloadTable(Map.of(), "square8"))));

    List<LayoutBlock> whole = renderer.render(router.route("/vast list", Caller.console()));
    BlockKitTexts.assertWithinLimits(whole);
    assertEquals("Instances (1,000, as of 0s ago)", BlockKitTexts.of(whole).get(0));
    assertEquals(25, rowLines(whole, "running").size());
    assertEquals("… 975 more rows: /vast list --page 2", BlockKitTexts.closingNote(whole));

    List<LayoutBlock> pageTwo = renderer.render(router.route("/vast list --page 2", Caller.console()));
    BlockKitTexts.assertWithinLimits(pageTwo);
    assertEquals("Instances (1,000, page 2 of 40, as of 0s ago)", BlockKitTexts.of(pageTwo).get(0));
    assertTrue(rowLines(pageTwo, "running").get(0).startsWith("26 "));
    assertEquals(25, rowLines(pageTwo, "running").size());
    assertEquals("Next: /vast list --page 3", BlockKitTexts.of(pageTwo).get(pageTwo.size() - 1));
  }

  @Test
  void pagedTableOfOnePage_isShownWhole_withoutNote() {
    var table = table(25, "RTX 4090").pagedBy(new Paging("/vast list", 25));
    List<LayoutBlock> blocks = renderer.render(Reply.of(table));
    assertFalse(blocks.get(blocks.size() - 1) instanceof ContextBlock);
    assertEquals(25, String.join("\n", BlockKitTexts.of(blocks)).lines().filter(l -> l.startsWith("row-")).count());
  }

  @Test
  void megabyteParagraph_isSplitIntoSections_andEndsWithLinesLeftOut() {
    var text = new StringBuilder();
    while (text.length() < 1_000_000) {
      text.append("line ").append(text.length()).append(" of a long host log & more\n");
    }
    List<LayoutBlock> blocks = renderer.render(Reply.of(new Paragraph(text.toString())));
    BlockKitTexts.assertWithinLimits(blocks);
    assertTrue(blocks.size() > 1, "split into several sections");
    List<String> texts = BlockKitTexts.of(blocks);
    assertTrue(texts.get(texts.size() - 1).matches("(?s).*\n… \\(\\d+ more lines\\)"), texts.get(texts.size() - 1));
  }

  @Test
  void megabyteLineWithoutBreaks_isCutWithinOneSection() {
    List<LayoutBlock> blocks = renderer.render(Reply.of(new Paragraph("&".repeat(1_000_000))));
    BlockKitTexts.assertWithinLimits(blocks);
    assertEquals(1, blocks.size());
    assertTrue(BlockKitTexts.of(blocks).get(0).matches("(&amp;)+… \\(\\d+ more chars\\)"));
  }

  @Test
  void twoHundredBlocks_keepTheFirst_andCountTheRest() {
    List<Block> many = IntStream.rangeClosed(1, 200).<Block>mapToObj(i -> new Paragraph("paragraph " + i)).toList();
    List<LayoutBlock> blocks = renderer.render(new Reply(many));
    assertEquals(BlockKitRenderer.MAX_BLOCKS, blocks.size());
    assertEquals("paragraph 49", BlockKitTexts.of(blocks).get(48));
    assertEquals("… 151 more blocks not shown", BlockKitTexts.closingNote(blocks));
  }

  @Test
  void manyTables_stayWithinTheMessageLimits() {
    List<Block> tables = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      tables.add(new Heading(HOSTILE.repeat(20)));
      tables.add(table(40, HOSTILE.repeat(10)));
    }
    List<LayoutBlock> blocks = renderer.render(new Reply(tables));
    BlockKitTexts.assertWithinLimits(blocks);
    assertTrue(BlockKitTexts.closingNote(blocks).endsWith("more blocks not shown"), BlockKitTexts.closingNote(blocks));
  }

  @Test
  void hostileText_neverBecomesAMentionLinkOrControlCharacter() {
    var reply = Reply.of(new Heading(HOSTILE), new Paragraph(HOSTILE + "\n" + HOSTILE),
        new Notice(Notice.Level.WARNING, HOSTILE), table(3, HOSTILE));
    List<LayoutBlock> blocks = renderer.render(reply);
    BlockKitTexts.assertWithinLimits(blocks);
    for (String text : BlockKitTexts.of(blocks)) {
      assertTrue(text.contains("&lt;!channel&gt;") && text.contains("&lt;@U1&gt;"), text);
      assertTrue(text.contains("&lt;http://x|y&gt;") && text.contains("&amp;lt;"), text);
      assertTrue(text.contains("\\x00") && text.contains("\\x1b[31m"), text);
    }
    assertTrue(((HeaderBlock) blocks.get(0)).getText().getText().startsWith("&lt;!channel&gt;"));
    assertTrue(BlockKitTexts.of(blocks).get(2).startsWith(":warning: &lt;!channel&gt;"));
  }

  @Test
  void tableCells_areAlignedOnWhatSlackShows_notOnTheirEntities() {
    var table = new Table(List.of("id", "gpu", "label"), List.of(List.of("1", "A&B", "x"), List.of("22", "C", "y")));
    String text = BlockKitTexts.of(renderer.render(Reply.of(table))).get(0);
    assertEquals("```\nid  gpu  label\n1   A&amp;B  x\n22  C    y\n```", text);
  }

  @Test
  void emptyTable_saysNone_likeTheConsole() {
    var table = new Table(List.of("id", "gpu"), List.of());
    assertEquals(List.of("```\nid  gpu\n(none)\n```"), BlockKitTexts.of(renderer.render(Reply.of(table))));
  }

  @Test
  void longHeading_isCutTo150WithEllipsis_withoutBreakingAnEntity() {
    List<LayoutBlock> blocks = renderer.render(Reply.of(new Heading("a" + "&".repeat(400))));
    String header = ((HeaderBlock) blocks.get(0)).getText().getText();
    assertTrue(header.length() <= BlockKitRenderer.MAX_HEADER_CHARS, header);
    assertTrue(header.matches("a(&amp;)+…"), header);
  }

  @Test
  void blankBlocks_areLeftOut_becauseSlackRefusesEmptyTexts() {
    List<LayoutBlock> blocks = renderer.render(Reply.of(new Heading(" "), new Paragraph(""), new Paragraph("ok")));
    assertEquals(1, blocks.size());
    assertTrue(blocks.get(0) instanceof SectionBlock);
  }

  @Test
  void noticeLevels_haveTheirEmoji_andInfoNone() {
    var reply = Reply.of(new Notice(Notice.Level.SUCCESS, "done"), new Notice(Notice.Level.INFO, "fyi"),
        new Notice(Notice.Level.WARNING, "careful"), new Notice(Notice.Level.ERROR, "failed"));
    assertEquals(List.of(":white_check_mark: done", "fyi", ":warning: careful", ":x: failed"),
        BlockKitTexts.of(renderer.render(reply)));
  }

  @Test
  void fallbackText_isTheFirstLine_escapedAndShort() {
    assertEquals("Error: &lt;!channel&gt; failed \\x00",
        renderer.fallbackText(Reply.of(new Notice(Notice.Level.ERROR, "<!channel> failed \u0000\nsecond line"))));
    assertEquals("Instances (3, as of 0s ago)",
        renderer.fallbackText(Reply.of(new Heading("Instances (3, as of 0s ago)"), table(3, "x"))));
    String longOne = renderer.fallbackText(Reply.of(new Paragraph("&".repeat(1000))));
    assertTrue(longOne.length() <= BlockKitRenderer.MAX_FALLBACK_CHARS && longOne.endsWith("&amp;…"), longOne);
    assertEquals("(empty reply)", renderer.fallbackText(new Reply(List.of())));
  }

  private static List<String> rowLines(List<LayoutBlock> blocks, String marker) {
    return BlockKitTexts.of(blocks).stream().flatMap(String::lines).filter(line -> line.contains(marker)).toList();
  }

  static Table table(int rows, String gpu) {
    return new Table(List.of("id", "gpu", "status", "label"), IntStream.rangeClosed(1, rows)
        .mapToObj(i -> List.of("row-" + i, gpu, "running", "vastbot:op" + i)).toList());
  }

}
