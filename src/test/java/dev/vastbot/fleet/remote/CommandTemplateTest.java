package dev.vastbot.fleet.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.testing.LocalBash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filled templates run through a real {@code bash -c}: the value arrives as one argument, intact,
 * and nothing in it runs. The values here are not checked for a kind (that is {@link RemoteValue});
 * quoting alone must hold.
 */
class CommandTemplateTest {
  private static final String HOSTILE = "100.70.1.2'; touch pwned; echo '";
  private static final List<String> VALUES = List.of(HOSTILE, "a:1,b:2", "", "two words", "$(touch pwned)",
      "`touch pwned`", "\"; touch pwned; echo \"", "line\nbreak", "[fd7a::1]:8770", "back\\slash", "$HOME");

  @TempDir Path home;

  private String runFilled(String template, String value) throws Exception {
    String command = new CommandTemplate(LocalBash.SHOW_ARGS + template).fill(Map.of("peers", value));
    var ran = LocalBash.run(home, command);
    assertEquals("", ran.stderr(), command);
    assertFalse(Files.exists(home.resolve("pwned")), command);
    return ran.stdout();
  }

  @Test
  void singleQuoted_doubleQuoted_andBarePlaceholders_eachGiveOneWord() throws Exception {
    for (String template : List.of("args --peers '{peers}' end", "args --peers \"{peers}\" end",
        "args --peers {peers} end")) {
      for (String value : VALUES) {
        assertEquals("<--peers><" + value + "><end>\n", runFilled(template, value), template + " / " + value);
      }
    }
  }

  @Test
  void placeholdersInsideLongerWordsAndQuotedStrings_stayInTheirWord() throws Exception {
    for (String value : VALUES) {
      assertEquals("<selfplay_" + value + ".db>\n", runFilled("args selfplay_{peers}.db", value), value);
      assertEquals("<--peers=" + value + " x>\n", runFilled("args '--peers={peers} x'", value), value);
      assertEquals("<--peers=" + value + " $HOME>\n", runFilled("args \"--peers={peers} \\$HOME\"", value), value);
    }
  }

  @Test
  void placeholdersInCommandSubstitutions_areQuotedForTheInnerShell() throws Exception {
    for (String value : VALUES) {
      assertEquals("<" + value + ">\n", runFilled("args \"$(printf '%s' {peers})\"", value), value);
      assertEquals("<" + value + ">\n", runFilled("args \"$(printf '%s' \"{peers}\")\"", value), value);
      assertEquals("<" + value + ">\n", runFilled("args \"`printf '%s' {peers}`\"", value), value);
    }
  }

  @Test
  void theShippedP2pStartTemplateForm_passesPeersIntact() throws Exception {
    String template = "cd . && mkdir -p logs || exit 1; PYTHONPATH=$(pwd) args --node-id {node_id}"
        + " --port ${RINGRIFT_P2P_PORT:-{port}} --peers '{peers}' # don't '{peers}'";
    String command = new CommandTemplate(LocalBash.SHOW_ARGS + template)
        .fill(Map.of("node_id", "vast-1", "port", "8770", "peers", HOSTILE));

    var ran = LocalBash.run(home, command);

    assertEquals("<--node-id><vast-1><--port><8770><--peers><" + HOSTILE + ">\n", ran.stdout());
    assertFalse(Files.exists(home.resolve("pwned")));
  }

  @Test
  void quotedPlaceholdersAreReplacedWithTheirQuotes() {
    var template = new CommandTemplate("run --peers '{peers}' --id \"{node_id}\" --x {x}");

    assertEquals("run --peers a:1,b:2 --id 'it'\\''s' --x ''",
        template.fill(Map.of("peers", "a:1,b:2", "node_id", "it's", "x", "")));
  }

  @Test
  void bracesThatNameNoValue_areLeftAlone() {
    var template = new CommandTemplate("echo ${HOME} {other} {a,b} {peers");

    assertEquals("echo ${HOME} {other} {a,b} {peers", template.fill(Map.of("peers", "x")));
  }

  @Test
  void aTemplateWhoseQuotesDoNotBalance_isRefused() {
    for (String broken : List.of("run '{peers}", "run \"{peers}", "run $(x '{peers}'", "run `x {peers}",
        "run \"it's\" 'a")) {
      assertFalse(CommandTemplate.isWellFormed(broken), broken);
      assertThrows(IllegalArgumentException.class, () -> new CommandTemplate(broken), broken);
    }
    for (String fine : List.of("run \"it's\"", "run 'say \"hi\"'", "run \\' {peers}", "case $x in a) run;; esac",
        "run # don't", "echo $((1 + (2)))")) {
      assertTrue(CommandTemplate.isWellFormed(fine), fine);
    }
  }
}
