package dev.vastbot.slack;

import static dev.vastbot.slack.SlackStandIn.BOT_ID;
import static dev.vastbot.slack.SlackStandIn.BOT_USER_ID;
import static dev.vastbot.slack.SlackStandIn.TEAM_ID;
import static dev.vastbot.slack.SlackStandIn.TEAM_NAME;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@link SlackStandIn} answers to an authorised, unscripted Web API call: Slack's success
 * bodies (the fields the SDK reads) and the few errors a missing argument gives. Holds the state
 * behind them: the {@code ts} sequence and the file uploads. Thread-safe (synchronized).
 */
final class WebApiAnswers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long FIRST_TS_MICROS = 1_700_000_000_000_100L;
  private static final java.util.regex.Pattern CHANNEL_ID = java.util.regex.Pattern.compile("[CGD][A-Z0-9]{2,}");

  /** An HTTP answer: status, extra headers, JSON body. */
  record Answer(int status, Map<String, String> headers, String body) {
    static Answer ok(ObjectNode body) {
      return new Answer(200, Map.of(), body.toString());
    }

    static Answer error(String error) {
      return new Answer(200, Map.of(), okFalse(error));
    }
  }

  private final String baseUrl;
  private final Map<String, String> issuedUploads = new HashMap<>();
  private final Map<String, byte[]> uploads = new HashMap<>();
  private long lastTsMicros = FIRST_TS_MICROS - 100;
  /** The workspace's channels the app can see, in creation order: id to name (without '#'). */
  private final Map<String, String> channels = new java.util.LinkedHashMap<>();
  private final Map<String, java.util.List<String>> userGroups = new HashMap<>();
  private int channelsPerPage = 100;
  private int lastFileId;
  private Supplier<String> socketModeUrl;

  WebApiAnswers(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  static String okFalse(String error) {
    return JSON.createObjectNode().put("ok", false).put("error", error).toString();
  }

  synchronized void addChannel(String id, String name) {
    channels.put(id, name);
  }

  synchronized void pageChannelsBy(int perPage) {
    channelsPerPage = perPage;
  }

  synchronized void setUserGroup(String groupId, java.util.List<String> userIds) {
    userGroups.put(groupId, java.util.List.copyOf(userIds));
  }

  synchronized void attachSocketMode(Supplier<String> urls) {
    socketModeUrl = urls;
  }

  synchronized Answer answer(String method, Map<String, String> params) {
    return switch (method) {
      case "auth.test" -> authTest();
      case "chat.postMessage" -> postMessage(params);
      case "chat.update" -> update(params);
      case "chat.postEphemeral" -> postEphemeral(params);
      case "chat.getPermalink" -> permalink(params);
      case "apps.connections.open" -> connectionsOpen();
      case "files.getUploadURLExternal" -> uploadUrl(params);
      case "files.completeUploadExternal" -> completeUpload(params);
      case "conversations.list" -> conversationsList(params);
      case "usergroups.users.list" -> userGroupUsers(params);
      default -> Answer.error("unknown_method");
    };
  }

  /** Takes the bytes posted to an upload URL; false when no such URL was handed out. */
  synchronized boolean acceptUpload(String fileId, byte[] bytes) {
    if (!issuedUploads.containsKey(fileId)) {
      return false;
    }
    uploads.put(fileId, bytes.clone());
    return true;
  }

  synchronized Optional<byte[]> uploaded(String fileId) {
    return Optional.ofNullable(uploads.get(fileId)).map(byte[]::clone);
  }

  private static Answer authTest() {
    var body = okBody();
    body.put("url", "https://" + TEAM_NAME + ".slack.com/");
    body.put("team", TEAM_NAME);
    body.put("user", "vastbot");
    body.put("team_id", TEAM_ID);
    body.put("user_id", BOT_USER_ID);
    body.put("bot_id", BOT_ID);
    body.put("is_enterprise_install", false);
    return new Answer(
        200, Map.of("x-oauth-scopes", "chat:write,commands,files:write"), body.toString());
  }

  private Answer postMessage(Map<String, String> params) {
    String channel = params.get("channel");
    if (channel == null || channel.isEmpty()) {
      return Answer.error("channel_not_found");
    }
    if (!params.containsKey("text")
        && !params.containsKey("blocks")
        && !params.containsKey("attachments")) {
      return Answer.error("no_text");
    }
    String ts = nextTs();
    var body = okBody();
    body.put("channel", channel);
    body.put("ts", ts);
    ObjectNode message = body.putObject("message");
    message.put("type", "message");
    message.put("user", BOT_USER_ID);
    message.put("bot_id", BOT_ID);
    message.put("text", params.getOrDefault("text", ""));
    message.put("ts", ts);
    if (params.containsKey("thread_ts")) {
      message.put("thread_ts", params.get("thread_ts"));
    }
    return Answer.ok(body);
  }

  private static Answer update(Map<String, String> params) {
    if (params.get("channel") == null || !CHANNEL_ID.matcher(params.get("channel")).matches()) {
      return Answer.error("channel_not_found"); // chat.update takes a channel id only, never a name
    }
    if (params.get("ts") == null) {
      return Answer.error("message_not_found");
    }
    var body = okBody();
    body.put("channel", params.get("channel"));
    body.put("ts", params.get("ts"));
    body.put("text", params.getOrDefault("text", ""));
    return Answer.ok(body);
  }

  private Answer postEphemeral(Map<String, String> params) {
    if (params.get("channel") == null) {
      return Answer.error("channel_not_found");
    }
    if (params.get("user") == null) {
      return Answer.error("user_not_in_channel");
    }
    return Answer.ok(okBody().put("message_ts", nextTs()));
  }

  private static Answer permalink(Map<String, String> params) {
    String channel = params.get("channel");
    String ts = params.get("message_ts");
    if (channel == null || ts == null) {
      return Answer.error("message_not_found");
    }
    var body = okBody();
    body.put("channel", channel);
    body.put(
        "permalink",
        "https://" + TEAM_NAME + ".slack.com/archives/" + channel + "/p" + ts.replace(".", ""));
    return Answer.ok(body);
  }

  private Answer connectionsOpen() {
    if (socketModeUrl == null) {
      return Answer.error("no_socket_mode_stand_in_attached");
    }
    return Answer.ok(okBody().put("url", socketModeUrl.get()));
  }

  private Answer uploadUrl(Map<String, String> params) {
    String filename = params.get("filename");
    if (filename == null || params.get("length") == null) {
      return Answer.error("invalid_arguments");
    }
    String fileId = String.format("F%08d", ++lastFileId);
    issuedUploads.put(fileId, filename);
    var body = okBody();
    body.put("upload_url", baseUrl + "/upload/" + fileId);
    body.put("file_id", fileId);
    return Answer.ok(body);
  }

  private Answer completeUpload(Map<String, String> params) {
    String files = params.get("files");
    if (files == null) {
      return Answer.error("invalid_arguments");
    }
    var body = okBody();
    ArrayNode completed = body.putArray("files");
    for (JsonNode file : SlackStandIn.readJson(files)) {
      String id = file.path("id").asText();
      byte[] bytes = uploads.get(id);
      if (bytes == null) {
        return Answer.error("file_not_found");
      }
      ObjectNode done = completed.addObject();
      done.put("id", id);
      done.put("name", issuedUploads.get(id));
      done.put("title", file.path("title").asText(issuedUploads.get(id)));
      done.put("size", bytes.length);
    }
    return Answer.ok(body);
  }

  /** One page of the channels; the cursor is the index of the next channel. */
  private Answer conversationsList(Map<String, String> params) {
    int from = params.getOrDefault("cursor", "").isEmpty() ? 0 : Integer.parseInt(params.get("cursor"));
    var ids = java.util.List.copyOf(channels.keySet());
    int to = Math.min(ids.size(), from + channelsPerPage);
    var body = okBody();
    ArrayNode page = body.putArray("channels");
    for (String id : ids.subList(Math.min(from, ids.size()), to)) {
      page.addObject().put("id", id).put("name", channels.get(id)).put("is_channel", true);
    }
    body.putObject("response_metadata").put("next_cursor", to < ids.size() ? Integer.toString(to) : "");
    return Answer.ok(body);
  }

  private Answer userGroupUsers(Map<String, String> params) {
    var users = userGroups.get(params.get("usergroup"));
    if (users == null) {
      return Answer.error("no_such_subteam");
    }
    var body = okBody();
    ArrayNode list = body.putArray("users");
    users.forEach(list::add);
    return Answer.ok(body);
  }

  /** "1700000000.000100", then 100 µs later each time: unique, increasing, Slack's format. */
  private String nextTs() {
    lastTsMicros += 100;
    return String.format("%d.%06d", lastTsMicros / 1_000_000, lastTsMicros % 1_000_000);
  }

  private static ObjectNode okBody() {
    return JSON.createObjectNode().put("ok", true);
  }
}
