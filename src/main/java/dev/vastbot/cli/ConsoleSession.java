package dev.vastbot.cli;

import dev.vastbot.chat.command.CommandRouter;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.fleet.access.Caller;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The console chat adapter: reads {@code /vast ...} lines and prints each reply as plain text.
 * Interactive, it prompts; fed from a pipe or a file, it echoes each line before its reply so the
 * transcript reads on its own, and ends at the end of input.
 */
final class ConsoleSession {
  private final CommandRouter router;
  private final TextRenderer renderer = new TextRenderer();
  private final BufferedReader in;
  private final PrintStream out;
  private final boolean interactive;

  ConsoleSession(CommandRouter router, BufferedReader in, PrintStream out, boolean interactive) {
    this.router = router;
    this.in = in;
    this.out = out;
    this.interactive = interactive;
  }

  /** Runs until end of input or {@code exit}; returns how many commands failed. */
  int run() throws IOException, InterruptedException {
    int failures = 0;
    while (true) {
      if (interactive) {
        out.print("vast> ");
        out.flush();
      }
      String line = in.readLine();
      if (line == null) {
        return failures;
      }
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.equals("exit") || line.equals("quit")) {
        return failures;
      }
      if (!interactive) {
        out.println("> " + line);
      }
      Reply reply = router.route(line, Caller.console());
      if (reply.failed()) {
        failures++;
      }
      out.print(renderer.render(reply));
      out.println();
      out.flush();
    }
  }
}
