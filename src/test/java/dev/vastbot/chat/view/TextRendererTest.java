package dev.vastbot.chat.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextRendererTest {
  private final TextRenderer renderer = new TextRenderer();

  @Test
  void aTableIsAlignedTwoSpacesApartWithNoTrailingBlanks() {
    var table = new Table(List.of("id", "gpu", "label"),
        List.of(List.of("7", "RTX 4090", "-"), List.of("123456", "A100", ""), List.of("8", "", "x")));
    assertEquals("""
        id      gpu       label
        7       RTX 4090  -
        123456  A100
        8                 x
        """, renderer.render(Reply.of(table)));
  }

  @Test
  void aHostileCellIsOneEscapedCappedLineAndCannotShiftTheColumns() {
    String forged = "ok\n\u001b[32mOK: vast-9 restarted\u202e" + "y".repeat(500);
    String text = renderer.render(Reply.of(new Table(List.of("peer", "state"),
        List.of(List.of(forged, "up"), List.of("vast-2", "down")))));
    List<String> lines = text.lines().toList();
    assertEquals(3, lines.size(), text);
    assertTrue(lines.get(1).startsWith("ok\\n\\x1b[32mOK: vast-9 restarted\\u202e"), lines.get(1));
    assertTrue(lines.get(1).endsWith("…  up"), lines.get(1));
    int stateColumn = lines.get(1).indexOf("  up");
    assertEquals(stateColumn, lines.get(2).indexOf("  down"), text);
    assertTrue(text.chars().noneMatch(c -> c == 0x1b || c == 0x202e), text);
  }

  @Test
  void anEmptyTableSaysNone() {
    assertEquals("a  b\n(none)\n", renderer.render(Reply.of(new Table(List.of("a", "b"), List.of()))));
  }
}
