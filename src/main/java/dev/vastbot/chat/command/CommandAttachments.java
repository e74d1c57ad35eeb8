package dev.vastbot.chat.command;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Files a chat adapter attaches to a command's answer where it can (Slack uploads them to the
 * channel the command came from; the console and the CLI ignore them): {@code /vast cost}'s chart.
 * Implementations are thread-safe and never throw; most lines get none.
 */
@FunctionalInterface
public interface CommandAttachments {
  /** None for any command. */
  CommandAttachments NONE = command -> List.of();

  /** The files for the answer of {@code command} (as parsed), usually none. */
  List<Attachment> attachmentsFor(ParsedCommand command);

  /** One file: its name, a title to show, and its bytes. */
  record Attachment(String fileName, String title, byte[] content) {
    public Attachment {
      requireNonNull(fileName, "fileName == null");
      requireNonNull(title, "title == null");
      requireNonNull(content, "content == null");
    }
  }
}
