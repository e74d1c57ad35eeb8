package dev.vastbot.chat.view;

import java.util.ArrayList;
import java.util.List;

/** What a command answers: blocks in order. */
public record Reply(List<Block> blocks) {
  public Reply {
    blocks = List.copyOf(blocks);
  }

  public static Reply of(Block... blocks) {
    return new Reply(List.of(blocks));
  }

  public static Reply error(String text) {
    return of(new Notice(Notice.Level.ERROR, text));
  }

  /** True when the reply reports a failure (any ERROR notice). */
  public boolean failed() {
    return blocks.stream()
        .anyMatch(b -> b instanceof Notice n && n.level() == Notice.Level.ERROR);
  }

  /** The first notice's text, else the first heading's: one line for an audit entry or a log. */
  public String summary() {
    return blocks.stream().filter(Notice.class::isInstance).map(b -> ((Notice) b).text()).findFirst()
        .or(() -> blocks.stream().filter(Heading.class::isInstance).map(b -> ((Heading) b).text()).findFirst())
        .map(text -> text.lines().findFirst().orElse("")).orElse("");
  }

  public Reply then(Block block) {
    List<Block> more = new ArrayList<>(blocks);
    more.add(block);
    return new Reply(more);
  }
}
