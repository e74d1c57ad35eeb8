package dev.vastbot.fleet.command;

/** A line that named a known command with valid arguments. */
public record ParsedCommand(CommandSpec spec, Arguments arguments) implements ParseResult {}
