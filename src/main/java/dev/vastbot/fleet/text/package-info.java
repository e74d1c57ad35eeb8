/** Making outside text (hosts' output, API answers) safe for each sink: store, terminal, Slack. */
package dev.vastbot.fleet.text;
