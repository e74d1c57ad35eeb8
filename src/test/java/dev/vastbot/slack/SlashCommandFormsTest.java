package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.util.SlackRequestParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link SlashCommandForms} reads a slash command exactly as Bolt's parser does, or leaves it to it. */
class SlashCommandFormsTest {
  private final AppConfig config = AppConfig.builder().signingSecret("forms-test-secret").build();
  private final SlackRequestParser bolt = new SlackRequestParser(config);

  private SlashCommandRequest boltReads(String body, RequestHeaders headers) {
    return (SlashCommandRequest) bolt.parse(SlackRequestParser.HttpRequest.builder().requestUri("/slack/events")
        .queryString(Map.of()).headers(headers).requestBody(body).remoteAddress("127.0.0.9").build());
  }

  @Test
  void readsWhatBoltReads() {
    for (String body : List.of(
        "token=t&team_id=T1&team_domain=d&enterprise_id=E1&enterprise_name=Globular%20Inc&channel_id=C1"
            + "&channel_name=gpu&user_id=U1&user_name=Steve&command=%2Fvast&text=list+--page+2"
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1%2F2&trigger_id=1.2.3"
            + "&api_app_id=A1&is_enterprise_install=TRUE",
        "command=/vast&text=&user_id=U2&trigger_id=x", // an empty text is no pair to Bolt
        "command=/vast&text=a=b&user_id=U3", // three parts: not a pair
        " command =/vast&user%5Fid=U4&unknown=1&text=%22quoted%20words%22",
        "command=/vast&text=caf%C3%A9&is_enterprise_install=false")) {
      for (var headers : List.of(new RequestHeaders(Map.of()),
          new RequestHeaders(Map.of("X-Forwarded-For", List.of("10.0.0.7"))))) {
        SlashCommandRequest expected = boltReads(body, headers);
        SlashCommandRequest ours = SlashCommandForms.parse(body, headers, "127.0.0.9", config);
        assertNotNull(ours, body);
        assertEquals(expected.getPayload(), ours.getPayload(), body);
        assertEquals(expected.getRequestBodyAsString(), ours.getRequestBodyAsString());
        assertEquals(expected.getClientIpAddress(), ours.getClientIpAddress(), body);
        assertEquals(expected.getContext().getTeamId(), ours.getContext().getTeamId());
        assertEquals(expected.getContext().getEnterpriseId(), ours.getContext().getEnterpriseId());
        assertEquals(expected.getContext().getRequestUserId(), ours.getContext().getRequestUserId());
        assertEquals(expected.getContext().getChannelId(), ours.getContext().getChannelId());
        assertEquals(expected.getContext().getTriggerId(), ours.getContext().getTriggerId());
        assertEquals(expected.getContext().getResponseUrl(), ours.getContext().getResponseUrl());
        assertEquals(expected.getContext().getBotToken(), ours.getContext().getBotToken());
        assertEquals(expected.getContext().isEnterpriseInstall(), ours.getContext().isEnterpriseInstall());
      }
    }
  }

  @Test
  void leavesEverythingElseToBolt() {
    for (String body : List.of("", "  ", "{\"type\":\"event_callback\"}", " {\"command\":\"/vast\"}",
        "payload=%7B%22type%22%3A%22block_actions%22%7D", "command=/vast&payload=x", "ssl_check=1&token=t",
        "text=status&user_id=U1", "command=/vast&text=100%", "command=/vast&p%61yload=x")) {
      assertNull(SlashCommandForms.parse(body, new RequestHeaders(Map.of()), "127.0.0.1", config), body);
    }
  }
}
