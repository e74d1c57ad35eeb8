package dev.vastbot.chat.view;

/** A title line. */
public record Heading(String text) implements Block {}
