package dev.vastbot.app;

import dev.vastbot.chat.command.CommandHandler;
import dev.vastbot.fleet.access.ChannelScope;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.fleet.port.UserGroups;
import java.util.List;
import java.util.Objects;

/**
 * How people reach the bot and hear from it: Slack in {@code serve} (prompts with buttons, alerts in
 * threads, the channels and user groups that may command it), the console or a CLI verb otherwise.
 * All components non-null.
 *
 * @param extraCommands handlers beside the standard ones (the demo's {@code /vast sim})
 */
public record ChatFront(ApprovalPrompts prompts, AlertSink alerts, ChannelScope channels, UserGroups groups,
    List<CommandHandler> extraCommands) {

  public ChatFront {
    Objects.requireNonNull(prompts, "prompts");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(channels, "channels");
    Objects.requireNonNull(groups, "groups");
    extraCommands = List.copyOf(extraCommands);
  }

  /** The console's or a CLI verb's: no prompts, every Slack caller refused, alerts to {@code alerts}. */
  public static ChatFront local(AlertSink alerts) {
    return new ChatFront(ApprovalPrompts.NONE, alerts, ChannelScope.ofIds(List.of(), false), UserGroups.NONE,
        List.of());
  }

  /** The same front with {@code more} handlers besides the standard ones. */
  public ChatFront withCommands(List<CommandHandler> more) {
    return new ChatFront(prompts, alerts, channels, groups, more);
  }
}
