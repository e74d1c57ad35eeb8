package dev.vastbot.slack;

import static com.slack.api.model.block.Blocks.context;

import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The blocks of one message being built, and the room left in it: a number of blocks and of text
 * characters. One block and some characters are always kept back for the closing note that says
 * what did not fit. Not thread-safe: one per rendering.
 */
final class MessageRoom {
  /** Characters kept back for a note (the closing one, or one after a cut table). */
  static final int NOTE_CHARS = 200;
  private final List<LayoutBlock> blocks = new ArrayList<>();
  private final int maxBlocks;
  private int charsLeft;

  MessageRoom(int maxBlocks, int maxChars) {
    this.maxBlocks = maxBlocks;
    this.charsLeft = maxChars - NOTE_CHARS;
  }

  /** Blocks that may still be added, not counting the one kept for the closing note. */
  int blocksLeft() {
    return maxBlocks - 1 - blocks.size();
  }

  /** Text characters that may still be added, not counting those kept for the closing note. */
  int charsLeft() {
    return charsLeft;
  }

  /** Whether a block of {@code minChars} characters still fits. */
  boolean fits(int minChars) {
    return blocksLeft() > 0 && charsLeft >= minChars;
  }

  void add(LayoutBlock block, int chars) {
    if (blocksLeft() <= 0) {
      throw new IllegalStateException("no room for another block");
    }
    blocks.add(block);
    charsLeft -= chars;
  }

  /** A context line in the message's flow (after a cut table); uses room like any block. */
  void addNote(EscapedText note) {
    add(noteBlock(note), note.length());
  }

  /** The blocks, closed by a note when {@code closingNote} is not empty. */
  List<LayoutBlock> finish(EscapedText closingNote) {
    if (!closingNote.isBlank()) {
      blocks.add(noteBlock(closingNote));
    }
    return List.copyOf(blocks);
  }

  private static LayoutBlock noteBlock(EscapedText note) {
    return context(List.of(TextObjects.plain(note)));
  }
}
