package dev.vastbot.fleet.view;

/** A title line. */
public record Heading(String text) implements Block {}
