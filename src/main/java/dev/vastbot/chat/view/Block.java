package dev.vastbot.chat.view;

/**
 * One piece of a reply. Replies are built as blocks so that the same reply renders as plain text
 * (console, CLI) or as Block Kit (Slack).
 */
public sealed interface Block permits Heading, Paragraph, Table, Notice {}
