package dev.vastbot.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A slash command's form body read into Bolt's {@link SlashCommandRequest} as Bolt's
 * {@code SlackRequestParser} reads it, in one pass. Bolt's parser reads a form three times (is
 * there a {@code payload} field? a {@code command} field? then the payload itself) and for every
 * field of every pass compiles the regular expression {@code \n+} afresh ({@code
 * String.replaceAll}): two thirds of what an HTTP thread allocated in {@code bench/ack}'s
 * profile, and a tenth of its time. Here the field rules are Bolt's own ({@code
 * SlashCommandPayloadParser}: pairs split at {@code &} then {@code =}, only pairs of exactly two
 * parts count, the name trimmed, its line feeds dropped and URL-decoded, the value URL-decoded),
 * the expression compiled once. Anything that is not plainly a slash command (a JSON body, a
 * {@code payload} field, no {@code command} field, a field Bolt would fail to decode) is left to
 * Bolt's parser: {@link #parse} answers null.
 */
final class SlashCommandForms {
  private static final Pattern LINE_FEEDS = Pattern.compile("\\n+");

  private SlashCommandForms() {}

  /**
   * The request, its context filled from {@code config} and its client address set as Bolt's
   * parser sets them; null when Bolt's parser must decide.
   */
  static SlashCommandRequest parse(String body, RequestHeaders headers, String remoteAddress, AppConfig config) {
    SlashCommandPayload payload = payload(body);
    if (payload == null) {
      return null;
    }
    var request = new SlashCommandRequest(body, payload, headers);
    request.updateContext(config);
    String forwardedFor = headers.getFirstValue("X-FORWARDED-FOR");
    request.setClientIpAddress(forwardedFor == null ? remoteAddress : forwardedFor);
    return request;
  }

  /** The payload as Bolt's SlashCommandPayloadParser makes it; null unless a plain slash command form. */
  static SlashCommandPayload payload(String body) {
    if (body == null || body.isBlank() || body.trim().charAt(0) == '{') {
      return null;
    }
    var payload = new SlashCommandPayload();
    boolean command = false;
    try {
      for (String pair : body.split("\\&")) {
        if (pair.contains("payload")) {
          return null; // an interaction (or a name that decodes to it): Bolt's parser
        }
        String[] parts = pair.split("=");
        if (parts.length != 2) {
          continue;
        }
        String name = parts[0].trim();
        if (name.indexOf('\n') >= 0) {
          name = LINE_FEEDS.matcher(name).replaceAll("");
        }
        name = URLDecoder.decode(name, StandardCharsets.UTF_8);
        String value = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
        if (name.equals("payload")) {
          return null;
        }
        command |= name.equals("command");
        set(payload, name, value);
      }
    } catch (IllegalArgumentException undecodable) {
      return null; // Bolt's parser fails on it as it always did
    }
    return command ? payload : null;
  }

  private static void set(SlashCommandPayload payload, String name, String value) {
    switch (name) {
      case "token" -> payload.setToken(value);
      case "team_id" -> payload.setTeamId(value);
      case "team_domain" -> payload.setTeamDomain(value);
      case "enterprise_id" -> payload.setEnterpriseId(value);
      case "enterprise_name" -> payload.setEnterpriseName(value);
      case "api_app_id" -> payload.setApiAppId(value);
      case "channel_id" -> payload.setChannelId(value);
      case "channel_name" -> payload.setChannelName(value);
      case "user_id" -> payload.setUserId(value);
      case "user_name" -> payload.setUserName(value);
      case "command" -> payload.setCommand(value);
      case "text" -> payload.setText(value);
      case "response_url" -> payload.setResponseUrl(value);
      case "trigger_id" -> payload.setTriggerId(value);
      case "is_enterprise_install" -> payload.setEnterpriseInstall(value.trim().toLowerCase(Locale.ROOT).equals("true"));
      default -> { }
    }
  }
}
