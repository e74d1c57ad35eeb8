package dev.vastbot.fleet.approval;

/** Where a message was posted (a Slack channel and its timestamp id), so it can be edited later. */
public record PromptRef(String channel, String ts) {}
