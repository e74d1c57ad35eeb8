package dev.vastbot.fleet.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SafeTextTest {
  private static final String FORGED = "\n\u001b[32mOK: vast-9 orchestrator restarted";

  @Test
  void forStore_writesNulVisibly_replacesUnpairedSurrogates_andKeepsRealCharacters() {
    String stored = SafeText.forStore("a\u0000b\ud800c\udc00d 😀 é", 100);
    assertEquals("a\\x00b\uFFFDc\uFFFDd 😀 é", stored);
    String roundTrip = new String(stored.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertEquals(stored, roundTrip, "valid UTF-8 after the cleaning");
  }

  @Test
  void forStore_withoutAPracticalCap_keepsTheTextWhole() {
    assertEquals("a\\x00b", SafeText.forStore("a\u0000b", Integer.MAX_VALUE));
  }

  @Test
  void forStore_capsLength_withANoteOfWhatWasCut_neverSplittingAPair() {
    String huge = "x".repeat(SafeText.AUDIT_DETAIL_CHARS - 1) + "😀" + "y".repeat(262_144);
    String stored = SafeText.forStore(huge, SafeText.AUDIT_DETAIL_CHARS);
    assertTrue(stored.length() < SafeText.AUDIT_DETAIL_CHARS + 40, "length " + stored.length());
    assertTrue(stored.endsWith(" more chars)"), stored.substring(stored.length() - 40));
    assertFalse(Character.isHighSurrogate(stored.charAt(SafeText.AUDIT_DETAIL_CHARS - 1)));
  }

  @Test
  void forTerminal_escapesEscapesAndControls_butKeepsLineBreaks() {
    String shown = SafeText.forTerminal("one\u001b[2J\rtwo\u0007\nthree\u202eevil\u0085\u007f");
    assertEquals("one\\x1b[2J\\rtwo\\x07\nthree\\u202eevil\\x85\\x7f", shown);
  }

  @Test
  void forTerminalCell_isOneCappedLine_soAForgedOkLineStaysInItsCell() {
    String cell = SafeText.forTerminalCell(FORGED, 120);
    assertEquals("\\n\\x1b[32mOK: vast-9 orchestrator restarted", cell);
    assertEquals(10, SafeText.forTerminalCell("z".repeat(500), 10).length());
  }

  @Test
  void forSlack_escapesMentionsLinksAndAmpersands() {
    assertEquals("&lt;!channel&gt; &lt;http://evil|click&gt; a &amp;amp; b \\x1b",
        SafeText.forSlack("<!channel> <http://evil|click> a &amp; b \u001b"));
  }

  @Test
  void capLines_keepsTheFirstLines_andCountsTheRest() {
    String text = String.join("\n", java.util.Collections.nCopies(250, "line"));
    String capped = SafeText.capLines(text, 200, 100);
    assertEquals(201, capped.split("\n").length);
    assertTrue(capped.endsWith("… (50 more lines)"), capped.substring(capped.length() - 30));
    assertEquals("ab… (3 more chars)", SafeText.capLines("abcde", 5, 2));
    assertEquals("short\ntext", SafeText.capLines("short\ntext", 5, 100));
  }

  @Test
  void forLogLine_escapesEveryControl_lineBreaksBidiAndLoneSurrogates_butKeepsRealCharacters() {
    assertEquals("a\\x1b[31mb\\rc\\x07d\\x9b2Je\\nf\\u202eg\\ud800h\\x7f",
        SafeText.forLogLine("a\u001b[31mb\rc\u0007d\u009b2Je\nf\u202eg\ud800h\u007f"));
    assertEquals("caf\u00e9 \ud83d\ude80 ok", SafeText.forLogLine("caf\u00e9 \ud83d\ude80 ok"));
    assertEquals("\\udc00x", SafeText.forLogLine("\udc00x"));
  }

  @Test
  void nullIsEmptyEverywhere() {
    assertEquals("", SafeText.forStore(null, 5));
    assertEquals("", SafeText.forTerminal(null));
    assertEquals("", SafeText.forTerminalCell(null, 5));
    assertEquals("", SafeText.forSlack(null));
    assertEquals("", SafeText.capLines(null, 1, 1));
  }
}
