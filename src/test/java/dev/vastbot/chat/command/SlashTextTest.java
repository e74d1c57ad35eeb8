package dev.vastbot.chat.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.Actor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A slash command's text, read once: the parsed command, {@code --public}, and the echo. */
class SlashTextTest {
  private final CommandRouter router = new CommandRouter(List.of(new Logs()));

  @Test
  void theTextParsesOnce_intoTheCommandAndItsArguments_asTyped() {
    SlashText text = router.readSlash("logs 7 \"two words\" --public");
    assertTrue(text.inChannel());
    ParsedCommand command = (ParsedCommand) text.command();
    assertEquals("logs", command.spec().name());
    assertEquals(new Arguments(List.of("7", "two words"), Map.of()), command.arguments());
    assertEquals("/vast logs 7 \"two words\"", text.echo());
  }

  @Test
  void withoutPublic_theAnswerIsNotForTheChannel() {
    SlashText text = router.readSlash("logs 7");
    assertFalse(text.inChannel());
    assertEquals("/vast logs 7", text.echo());
  }

  @Test
  void onlyTheFirstPublicIsTheFaces_aSecondIsAnUnknownOption() {
    ParseError error = (ParseError) router.readSlash("logs 7 --public --public").command();
    assertEquals("Unknown option --public for /vast logs.", error.message());
  }

  @Test
  void anUnbalancedQuote_isAParseError_thatSaysSo() {
    SlashText text = router.readSlash("logs 7 \"open");
    assertEquals(new ParseError("Unbalanced quote \" in the command.", Optional.empty()), text.command());
    assertFalse(text.inChannel());
  }

  @Test
  void theTextFollowsTheCommand_soAVastInItIsAWord() {
    ParseError error = (ParseError) router.readSlash("/vast logs 7").command();
    assertEquals("Unknown command '/vast'.", error.message());
    assertTrue(router.readSlash(null).command() instanceof ParseError, "no text: no command");
  }

  /** {@code /vast logs ID [WHAT]}, as far as parsing goes. */
  private static final class Logs implements CommandHandler {
    @Override
    public CommandSpec spec() {
      return new CommandSpec("logs", "Show logs", List.of("ID", "WHAT"), 1, List.of());
    }

    @Override
    public CommandTraits traits(Arguments arguments) {
      return CommandTraits.readsSlowly();
    }

    @Override
    public Reply handle(Arguments arguments, Actor actor) {
      return Reply.error("not run in this test");
    }
  }
}
