package dev.vastbot.chat.command;

/** A line that named a known command with valid arguments. */
public record ParsedCommand(CommandSpec spec, Arguments arguments) implements ParseResult {}
