package dev.vastbot.fleet.access;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Who holds a role, as the config names them: Slack user ids ({@code U…}, {@code W…}) and Slack
 * user groups ({@code S…}, whose members are read from Slack).
 *
 * @param setting the config key that grants it, for messages ({@code slack.operators})
 */
public record Role(String setting, Set<String> userIds, Set<String> groupIds) {
  public Role {
    userIds = Set.copyOf(userIds);
    groupIds = Set.copyOf(groupIds);
  }

  /** A role from a config list that mixes user ids and user group ids (those starting with S). */
  public static Role of(String setting, java.util.Collection<String> members) {
    return new Role(setting,
        members.stream().filter(id -> !isGroupId(id)).collect(Collectors.toSet()),
        members.stream().filter(Role::isGroupId).collect(Collectors.toSet()));
  }

  /** Whether {@code id} names a Slack user group rather than a user. */
  public static boolean isGroupId(String id) {
    return id.startsWith("S");
  }

  public boolean isEmpty() {
    return userIds.isEmpty() && groupIds.isEmpty();
  }

  /** The members as configured, users then groups, sorted: for messages. */
  public String describe() {
    return isEmpty() ? "nobody" : Stream.concat(userIds.stream().sorted(), groupIds.stream().sorted()
        .map(group -> "group " + group)).collect(Collectors.joining(", "));
  }
}
