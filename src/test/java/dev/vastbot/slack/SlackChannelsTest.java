package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Channel names in the config become ids at start-up, through conversations.list at the stand-in. */
class SlackChannelsTest {
  private final SlackStandIn slack = SlackStandIn.start();
  private final MethodsClient client = Slack.getInstance(slack.sdkConfig()).methods(SlackStandIn.BOT_TOKEN);

  @AfterEach
  void stop() {
    slack.close();
  }

  @Test
  void namesAreLookedUpAcrossPages_idsAreKept_andEachIsShownAsConfigured() {
    for (int i = 1; i <= 5; i++) {
      slack.addChannel("C0000000" + i, "team-" + i);
    }
    slack.pageChannelsBy(2);

    var scope = SlackChannels.resolve(client, List.of("#team-5", "C0ABCDEF", "#team-1"), true);

    assertEquals(Map.of("C00000005", "#team-5", "C0ABCDEF", "C0ABCDEF", "C00000001", "#team-1"), scope.namesById());
    assertEquals(List.of("C00000005", "C0ABCDEF", "C00000001"), List.copyOf(scope.namesById().keySet()));
    assertEquals("C00000005", scope.idOf("#team-5").orElseThrow());
    assertTrue(scope.allowDirectMessages());
    assertEquals(3, slack.calls("conversations.list").size(), "five channels, two a page");
  }

  @Test
  void onlyIds_needNoCall() {
    var scope = SlackChannels.resolve(null, List.of("C0ABCDEF", "G0PRIVATE"), false);
    assertEquals(List.of("C0ABCDEF", "G0PRIVATE"), List.copyOf(scope.namesById().keySet()));
    assertTrue(slack.calls().isEmpty());
  }

  @Test
  void aNameSlackDoesNotShow_stopsTheStart_namingTheChannel() {
    slack.addChannel("C00000001", "gpu-fleet");
    var unknown = assertThrows(SlackChannels.UnresolvedChannelException.class,
        () -> SlackChannels.resolve(client, List.of("#gpu-fleet", "#gpu-flet"), false));
    assertTrue(unknown.getMessage().startsWith("Slack shows the app no channel named #gpu-flet"), unknown.getMessage());
  }

  @Test
  void namesWithoutABotToken_orARefusedList_sayWhatToDo() {
    var noToken = assertThrows(SlackChannels.UnresolvedChannelException.class,
        () -> SlackChannels.resolve(null, List.of("#gpu-fleet"), false));
    assertTrue(noToken.getMessage().contains("need SLACK_BOT_TOKEN"), noToken.getMessage());
    slack.answerNext("conversations.list", 200, "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"groups:read\"}");
    var refused = assertThrows(SlackChannels.UnresolvedChannelException.class,
        () -> SlackChannels.resolve(client, List.of("#gpu-fleet"), false));
    assertEquals("Slack refused conversations.list (missing_scope; the app needs the scope groups:read)",
        refused.getMessage());
  }
}
