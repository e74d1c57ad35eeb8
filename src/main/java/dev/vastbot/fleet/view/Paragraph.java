package dev.vastbot.fleet.view;

/** Plain text; may span lines. */
public record Paragraph(String text) implements Block {}
