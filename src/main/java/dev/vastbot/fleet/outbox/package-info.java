/**
 * The durable outbox: every message the bot sends to Slack is queued in the store before it is
 * sent, sent in order per channel, retried until delivered or its deadline, and never dropped
 * silently. JDK only; the Slack adapter sends, the store keeps.
 */
package dev.vastbot.fleet.outbox;
