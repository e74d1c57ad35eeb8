package dev.vastbot.fleet.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where Slack commands are accepted: channels by id (with the name people know them by, for
 * messages), and whether direct messages are.
 *
 * @param namesById each accepted channel's id and how to show it ({@code #gpu-fleet}, or the id)
 */
public record ChannelScope(Map<String, String> namesById, boolean allowDirectMessages) {
  public ChannelScope {
    namesById = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(namesById));
  }

  /** Channels given by id only (names shown as the ids). */
  public static ChannelScope ofIds(java.util.Collection<String> channelIds, boolean allowDirectMessages) {
    var names = new LinkedHashMap<String, String>();
    channelIds.forEach(id -> names.put(Objects.requireNonNull(id), id));
    return new ChannelScope(names, allowDirectMessages);
  }

  public boolean accepts(String channelId) {
    return namesById.containsKey(channelId);
  }

  /** The id of a channel the config named ({@code #gpu-fleet} or an id), if it is in scope. */
  public java.util.Optional<String> idOf(String configured) {
    return namesById.entrySet().stream().filter(e -> e.getValue().equals(configured)).map(Map.Entry::getKey)
        .findFirst();
  }

  /** How a channel is shown: its configured name, or its id. */
  public String display(String channelId) {
    return namesById.getOrDefault(channelId, channelId);
  }

  /** The accepted channels, as people know them. */
  public String describe() {
    return namesById.isEmpty() ? "none" : String.join(", ", namesById.values());
  }
}
