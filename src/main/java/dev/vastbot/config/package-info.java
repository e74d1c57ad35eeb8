/**
 * Start-up configuration: {@code config/vastbot.yaml} plus environment variables ({@link
 * dev.vastbot.config.ConfigLoader}), {@code config/notification_hooks.yaml} ({@link
 * dev.vastbot.config.NotificationHooks}) and the bot-owned {@code vast_instances} section of
 * {@code config/distributed_hosts.yaml} ({@link dev.vastbot.config.DistributedHostsFile}).
 *
 * <p>Every problem is reported as a {@link dev.vastbot.config.ConfigException} with a one-line
 * message. All types here are immutable and thread-safe unless stated otherwise.
 */
package dev.vastbot.config;
