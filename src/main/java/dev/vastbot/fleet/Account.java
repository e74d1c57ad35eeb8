package dev.vastbot.fleet;

/** The Vast account behind the API key. No secret is kept here. */
public record Account(long id, String email, double balance, double credit) {}
