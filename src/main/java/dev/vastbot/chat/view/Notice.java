package dev.vastbot.chat.view;

/** A message that stands out: a warning, an error, a success. */
public record Notice(Level level, String text) implements Block {
  public enum Level {
    SUCCESS,
    INFO,
    WARNING,
    ERROR
  }
}
