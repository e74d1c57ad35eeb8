package dev.vastbot.chat.view;

/** Plain text; may span lines. */
public record Paragraph(String text) implements Block {}
