package dev.vastbot.fleet.port;

import java.util.Optional;
import java.util.Set;

/**
 * The members of Slack user groups, as last read from Slack. Implementations answer from memory
 * and never block on the network once a group has been read; a user not found starts a fresh read
 * in the background (a member just added counts moments later). Thread-safe.
 */
public interface UserGroups {

  /**
   * The user ids in {@code groupId} as last read, or empty when the group has never been read
   * successfully (unknown group, Slack unreachable, no token): then nobody counts as its member.
   */
  Optional<Set<String>> members(String groupId);

  /** Tells the implementation that {@code userId} was not found in {@code groupId}: re-read it soon. */
  default void missed(String groupId, String userId) {}

  /** No user groups at all (no Slack): every group is empty. */
  UserGroups NONE = groupId -> Optional.empty();
}
