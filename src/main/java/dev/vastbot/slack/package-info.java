/**
 * The Slack adapter. {@link dev.vastbot.slack.BlockKitRenderer} turns the replies of {@code
 * dev.vastbot.fleet.view} into Block Kit within Slack's limits; every text that reaches mrkdwn is
 * escaped with {@link dev.vastbot.fleet.text.SafeText#forSlack}, so host- and API-written text
 * never becomes a mention, a link or a channel ping.
 */
package dev.vastbot.slack;
