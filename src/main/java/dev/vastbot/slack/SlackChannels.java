package dev.vastbot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.ConversationType;
import dev.vastbot.fleet.access.ChannelScope;
import dev.vastbot.fleet.text.SafeText;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the channels the config names ({@code #gpu-fleet}, or ids like {@code C0123ABCD}) into
 * channel ids, once at start-up, with {@code conversations.list} (public and private channels the
 * app can see; scopes {@code channels:read} and {@code groups:read}). Slack addresses messages,
 * edits and permissions by id only, and a channel can be renamed; so everything after start-up
 * works with the ids this returns. Ids are taken as given and need no call.
 */
public final class SlackChannels {
  private static final Pattern ID = Pattern.compile("[CGD][A-Z0-9]{2,}");
  private static final int PAGE = 1000;
  /** More pages than any workspace the bot serves has; a cursor loop must end. */
  private static final int MAX_PAGES = 200;

  private SlackChannels() {}

  /** A channel the config names that Slack does not show the app, or Slack refused to list. */
  public static final class UnresolvedChannelException extends RuntimeException {
    UnresolvedChannelException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Whether {@code channel} is already an id (no lookup needed). */
  public static boolean isId(String channel) {
    return ID.matcher(channel).matches();
  }

  /**
   * The scope of {@code channels} (names resolved to ids, shown by their configured names).
   *
   * @param client a Web API client holding the bot token; unused when every channel is an id
   * @throws UnresolvedChannelException naming the channel that is not found (not created, archived,
   *     or private without the app in it), or why the list could not be read
   */
  public static ChannelScope resolve(MethodsClient client, List<String> channels, boolean allowDirectMessages) {
    Map<String, String> idsByName = channels.stream().allMatch(SlackChannels::isId) ? Map.of() : listAll(client);
    var namesById = new LinkedHashMap<String, String>();
    for (String channel : channels) {
      if (isId(channel)) {
        namesById.putIfAbsent(channel, channel);
        continue;
      }
      String id = idsByName.get(channel.substring(1));
      if (id == null) {
        throw new UnresolvedChannelException("Slack shows the app no channel named " + channel
            + " (create it, or for a private channel invite the app; or give its id, like C0123ABCD)", null);
      }
      namesById.putIfAbsent(id, channel);
    }
    return new ChannelScope(namesById, allowDirectMessages);
  }

  /** Every channel the app can see: name to id. */
  private static Map<String, String> listAll(MethodsClient client) {
    if (client == null) {
      throw new UnresolvedChannelException("channel names in slack.channel and slack.channels need "
          + "SLACK_BOT_TOKEN to be looked up; set it, or give channel ids (like C0123ABCD)", null);
    }
    var ids = new HashMap<String, String>();
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      var answer = page(client, cursor);
      answer.getChannels().forEach(channel -> ids.putIfAbsent(channel.getName(), channel.getId()));
      cursor = answer.getResponseMetadata() == null ? null : answer.getResponseMetadata().getNextCursor();
      if (cursor == null || cursor.isEmpty()) {
        return ids;
      }
    }
    throw new UnresolvedChannelException("conversations.list did not end after " + MAX_PAGES + " pages", null);
  }

  private static com.slack.api.methods.response.conversations.ConversationsListResponse page(MethodsClient client,
      String cursor) {
    try {
      var answer = client.conversationsList(r -> r.types(List.of(ConversationType.PUBLIC_CHANNEL,
          ConversationType.PRIVATE_CHANNEL)).excludeArchived(true).limit(PAGE).cursor(cursor));
      if (!answer.isOk()) {
        throw new UnresolvedChannelException("Slack refused conversations.list ("
            + SafeText.forTerminalCell(answer.getError(), 80) + (answer.getNeeded() == null ? ""
            : "; the app needs the scope " + SafeText.forTerminalCell(answer.getNeeded(), 80)) + ")", null);
      }
      return answer;
    } catch (IOException | SlackApiException e) {
      throw new UnresolvedChannelException("could not list Slack's channels to find the configured ones ("
          + e.getClass().getSimpleName() + ")", e);
    }
  }
}
