package dev.vastbot.cli;

import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.TextRenderer;

/** Prints a reply as plain text on the command's stdout and turns it into an exit code. */
final class ReplyPrinter {
  private ReplyPrinter() {}

  /** 0 when the reply reports no error, else {@link FailureReporter#EXIT_FAILED}. */
  static int print(CliContext context, Reply reply) {
    context.out().print(new TextRenderer().render(reply));
    return reply.failed() ? FailureReporter.EXIT_FAILED : 0;
  }
}
