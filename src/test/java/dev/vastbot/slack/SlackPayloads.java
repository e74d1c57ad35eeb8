package dev.vastbot.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Realistic Slack payloads for tests, with the team, user and channel of {@link SlackStandIn}:
 * the fields of a slash command (an HTTP form, or a JSON object of strings in Socket Mode) and a
 * {@code block_actions} payload for a button in a message.
 */
public final class SlackPayloads {
  public static final String USER_ID = "U0000USR1";
  public static final String USER_NAME = "alice";
  public static final String CHANNEL_ID = "C0000CHAN";
  public static final String CHANNEL_NAME = "gpu-fleet";
  public static final String VERIFICATION_TOKEN = "legacy-verification-token";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackPayloads() {}

  /**
   * The fields Slack sends for {@code /vast <text>} typed by {@link #USER_ID} in {@link
   * #CHANNEL_ID}, in Slack's order, with {@code responseUrl} (use {@link
   * SlackStandIn#responseUrl(String)}). Mutable, so a test can change or drop fields.
   */
  public static Map<String, String> slashCommandFields(String text, String responseUrl) {
    var fields = new LinkedHashMap<String, String>();
    fields.put("token", VERIFICATION_TOKEN);
    fields.put("team_id", SlackStandIn.TEAM_ID);
    fields.put("team_domain", SlackStandIn.TEAM_NAME);
    fields.put("channel_id", CHANNEL_ID);
    fields.put("channel_name", CHANNEL_NAME);
    fields.put("user_id", USER_ID);
    fields.put("user_name", USER_NAME);
    fields.put("command", "/vast");
    fields.put("text", text);
    fields.put("api_app_id", SocketModeStandIn.APP_ID);
    fields.put("is_enterprise_install", "false");
    fields.put("response_url", responseUrl);
    fields.put("trigger_id", "1700000000.1234567890.abcdef0123456789abcdef0123456789");
    return fields;
  }

  /**
   * A {@code block_actions} payload (JSON text) for a click by {@link #USER_ID} on the button
   * {@code actionId} with {@code value}, in the message {@code messageTs} of {@link #CHANNEL_ID}.
   */
  public static String blockAction(
      String actionId, String value, String messageTs, String responseUrl) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "block_actions");
    ObjectNode user = payload.putObject("user");
    user.put("id", USER_ID);
    user.put("username", USER_NAME);
    user.put("name", USER_NAME);
    user.put("team_id", SlackStandIn.TEAM_ID);
    payload.put("api_app_id", SocketModeStandIn.APP_ID);
    payload.put("token", VERIFICATION_TOKEN);
    ObjectNode container = payload.putObject("container");
    container.put("type", "message");
    container.put("message_ts", messageTs);
    container.put("channel_id", CHANNEL_ID);
    container.put("is_ephemeral", false);
    payload.put("trigger_id", "1700000000.1234567890.fedcba9876543210fedcba9876543210");
    ObjectNode team = payload.putObject("team");
    team.put("id", SlackStandIn.TEAM_ID);
    team.put("domain", SlackStandIn.TEAM_NAME);
    ObjectNode channel = payload.putObject("channel");
    channel.put("id", CHANNEL_ID);
    channel.put("name", CHANNEL_NAME);
    ObjectNode message = payload.putObject("message");
    message.put("type", "message");
    message.put("user", SlackStandIn.BOT_USER_ID);
    message.put("bot_id", SlackStandIn.BOT_ID);
    message.put("ts", messageTs);
    message.put("text", "");
    payload.put("response_url", responseUrl);
    ObjectNode action = payload.putArray("actions").addObject();
    action.put("action_id", actionId);
    action.put("block_id", "vastbot-actions");
    ObjectNode text = action.putObject("text");
    text.put("type", "plain_text");
    text.put("text", actionId);
    text.put("emoji", true);
    action.put("value", value);
    action.put("type", "button");
    action.put("action_ts", "1700000001.000200");
    return payload.toString();
  }
}
