package dev.vastbot.chat.command;

/** What the parser made of a line: a command to run, or an error (and nothing runs). */
public sealed interface ParseResult permits ParsedCommand, ParseError {}
