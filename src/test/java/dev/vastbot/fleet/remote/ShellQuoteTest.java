package dev.vastbot.fleet.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vastbot.testing.LocalBash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellQuoteTest {
  private static final List<String> AWKWARD = List.of("", " ", "a b", "it's", "'", "''", "'\\''", "$(touch pwned)",
      "`touch pwned`", "${HOME}", "$HOME", "a\nb", "\n", "tab\there", "\"double\"", "back\\slash", "*", "~",
      "; touch pwned", "a && touch pwned", "-n", "100.70.1.2'; touch pwned; echo '", "é ünïcode");

  @TempDir Path home;

  @Test
  void safeWordsStayBare() {
    assertEquals("100.70.1.2:8770,gpu-box:8771", ShellQuote.quote("100.70.1.2:8770,gpu-box:8771"));
    assertEquals("a_b@c%d+e=f:g,h./i-j", ShellQuote.quote("a_b@c%d+e=f:g,h./i-j"));
  }

  @Test
  void everythingElseIsSingleQuoted() {
    assertEquals("''", ShellQuote.quote(""));
    assertEquals("'a b'", ShellQuote.quote("a b"));
    assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
    assertEquals("'$(id)'", ShellQuote.quote("$(id)"));
    assertEquals("'`id`'", ShellQuote.quote("`id`"));
    assertEquals("'a\nb'", ShellQuote.quote("a\nb"));
  }

  @Test
  void bashReadsEachQuotedValueBackAsOneWord_andRunsNothing() throws Exception {
    for (String value : AWKWARD) {
      var ran = LocalBash.run(home, LocalBash.SHOW_ARGS + "args " + ShellQuote.quote(value) + " end");

      assertEquals("<" + value + "><end>\n", ran.stdout(), value);
      assertEquals("", ran.stderr(), value);
    }
    assertFalse(Files.exists(home.resolve("pwned")));
  }
}
