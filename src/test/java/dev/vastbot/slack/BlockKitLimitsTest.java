package dev.vastbot.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.ButtonElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The one fitter every message goes through: each of Block Kit's limits, and cuts that say what they cut. */
class BlockKitLimitsTest {
  @Test
  void aLongSection_isCutTo3000_sayingHowManyCharactersSlackWouldHaveShown() {
    SlackMessage fitted = fit(section(s -> s.text(plainText("a&amp;b".repeat(1000)))));
    String text = BlockKitTexts.of(fitted.blocks()).get(0);
    assertTrue(text.length() <= 3000, text.length() + " chars");
    int kept = TextCuts.shownLength(text.substring(0, text.indexOf("… (")));
    assertTrue(text.endsWith("… (" + (3000 - kept) + " more characters)"), text.substring(2900));
    BlockKitTexts.assertMessageWithinLimits(fitted, Set.of());
  }

  @Test
  void aCut_neverSplitsAnEntityOrAnEmoji() {
    for (String unit : List.of("&amp;", "&lt;", "🙂")) {
      for (int max : List.of(150, 2000, 3000)) {
        String cut = TextCuts.cut(unit.repeat(4000), max);
        assertTrue(cut.length() <= max, unit + " " + max);
        String kept = cut.substring(0, cut.indexOf("… ("));
        assertEquals("", kept.replace(unit, ""), "whole units only: " + unit + " at " + max);
      }
    }
  }

  @Test
  void aLongCodeBlock_isClosedBeforeTheNote() {
    String table = "```\n" + "row of a table\n".repeat(400) + "```";
    String cut = BlockKitTexts.of(fit(section(s -> s.text(markdownText(table)))).blocks()).get(0);
    assertTrue(cut.matches("(?s)```\n.*\n```… \\(\\d+ more characters\\)"), cut.substring(cut.length() - 60));
  }

  @Test
  void sixtyBlocks_keepFortyNine_andTheButtons_andCountTheRest() {
    List<LayoutBlock> blocks = new ArrayList<>();
    IntStream.rangeClosed(1, 60).forEach(i -> blocks.add(section(s -> s.text(plainText("block " + i)))));
    blocks.add(actions(a -> a.elements(List.of(button(b -> b.actionId("go").text(plainText("Go")))))));
    SlackMessage fitted = BlockKitLimits.fit(new SlackMessage("many", blocks));

    assertEquals(50, fitted.blocks().size());
    assertInstanceOf(ActionsBlock.class, fitted.blocks().get(48), "the buttons stay");
    assertEquals("… 12 more blocks not shown", BlockKitTexts.closingNote(fitted.blocks()));
    BlockKitTexts.assertMessageWithinLimits(fitted, Set.of());
  }

  @Test
  void fiveFullSections_keepTo12000CharactersInAll() {
    List<LayoutBlock> blocks = new ArrayList<>();
    IntStream.rangeClosed(1, 5).forEach(i -> blocks.add(section(s -> s.text(plainText(("x" + i).repeat(1500))))));
    SlackMessage fitted = BlockKitLimits.fit(new SlackMessage("big", blocks));

    BlockKitTexts.assertMessageWithinLimits(fitted, Set.of());
    assertEquals(5, fitted.blocks().size(), "three whole, one cut, the note");
    assertTrue(BlockKitTexts.of(fitted.blocks()).get(3).endsWith("more characters)"));
    assertEquals("… 1 more block not shown", BlockKitTexts.closingNote(fitted.blocks()));
  }

  @Test
  void twelveFieldsAndContextElements_becomeTen_theLastCountingTheRest_andALongFieldIsCut() {
    List<TextObject> fields = IntStream.range(0, 12)
        .<TextObject>mapToObj(i -> plainText("f".repeat(i == 0 ? 2500 : 900))).toList();
    SlackMessage fitted = fit(section(s -> s.fields(fields)),
        context(IntStream.range(0, 12).<com.slack.api.model.block.ContextBlockElement>mapToObj(i -> plainText("c" + i))
            .toList()));

    var section = (SectionBlock) fitted.blocks().get(0);
    assertEquals(10, section.getFields().size());
    assertTrue(section.getFields().get(0).getText().matches("f{1900,2000}… \\(\\d+ more characters\\)"));
    assertEquals("… 3 more not shown", section.getFields().get(9).getText());
    var note = (ContextBlock) fitted.blocks().get(1);
    assertEquals(10, note.getElements().size());
    assertEquals("… 3 more not shown", ((TextObject) note.getElements().get(9)).getText());
    BlockKitTexts.assertMessageWithinLimits(fitted, Set.of());
  }

  @Test
  void aSectionOfFieldsPastTheBudget_keepsTheFieldsThatFit_andCountsTheRest() {
    List<TextObject> fields = IntStream.range(0, 10).<TextObject>mapToObj(i -> plainText("f".repeat(2000))).toList();
    SlackMessage fitted = fit(section(s -> s.fields(fields)));

    var section = (SectionBlock) fitted.blocks().get(0);
    assertEquals(6, section.getFields().size());
    assertEquals("… 5 more not shown", section.getFields().get(5).getText());
    BlockKitTexts.assertMessageWithinLimits(fitted, Set.of());
  }

  @Test
  void buttonsAndTheirConfirmDialogs_keepTheirLimits() {
    SlackMessage fitted = fit(actions(a -> a.elements(List.of(button(b -> b.actionId("go")
        .text(plainText("b".repeat(100))).value("7".repeat(3000))
        .confirm(confirmationDialog(c -> c.title(plainText("t".repeat(150))).text(plainText("x".repeat(500)))
            .confirm(plainText("y".repeat(40))).deny(plainText("n".repeat(40))))))))));

    var button = (ButtonElement) ((ActionsBlock) fitted.blocks().get(0)).getElements().get(0);
    assertEquals("b".repeat(74) + "…", button.getText().getText());
    assertEquals(2000, button.getValue().length());
    assertTrue(button.getConfirm().getTitle().getText().matches("t{70,100}… \\(\\d+ more characters\\)"));
    assertTrue(button.getConfirm().getText().getText().matches("x{270,300}… \\(\\d+ more characters\\)"));
    assertEquals(30, button.getConfirm().getConfirm().getText().length());
    BlockKitTexts.assertMessageWithinLimits(fitted, Set.of());
  }

  @Test
  void headersMrkdwnBlanksAndTheFallback_areMadeValid() {
    SlackMessage fitted = BlockKitLimits.fit(new SlackMessage("f".repeat(50_000), List.of(
        header(h -> h.text(plainText("h".repeat(200)))), section(s -> s.text(markdownText("not verbatim"))),
        section(s -> s.text(plainText(" "))))));

    assertTrue(BlockKitTexts.of(fitted.blocks()).get(0).matches("h{120,150}… \\(\\d+ more characters\\)"));
    assertEquals(Boolean.TRUE, ((MarkdownTextObject) ((SectionBlock) fitted.blocks().get(1)).getText()).getVerbatim());
    assertEquals("(empty)", BlockKitTexts.of(fitted.blocks()).get(2));
    assertTrue(fitted.text().length() <= 40_000 && fitted.text().endsWith(" more characters)"));
    BlockKitTexts.assertMessageWithinLimits(fitted, Set.of());
  }

  @Test
  void fittingAFittedMessage_changesNothing() {
    SlackMessage once = fit(header(h -> h.text(plainText("h".repeat(200)))),
        section(s -> s.text(plainText("&lt;".repeat(2000)))), section(s -> s.text(markdownText("```\nx\n```"))));
    assertEquals(once, BlockKitLimits.fit(once));
  }

  private static SlackMessage fit(LayoutBlock... blocks) {
    return BlockKitLimits.fit(new SlackMessage("fallback", List.of(blocks)));
  }
}
