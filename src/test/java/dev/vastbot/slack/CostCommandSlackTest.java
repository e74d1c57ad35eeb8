package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastbot.app.Vastbot;
import dev.vastbot.chart.CostChart;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /vast cost} in Slack: the answer in the acknowledgement, then the chart uploaded to the channel. */
class CostCommandSlackTest {
  private static final String SECRET = "test-signing-secret";
  private final SlackStandIn slack = SlackStandIn.start();
  private final MutableClock clock = MutableClock.atEpochDay();
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final Vastbot bot = BotParts.slackBot(BotParts.of(new FakeGpuProvider().withRunningInstance(7, "RTX 4090"),
      store, clock), SlackPayloads.CHANNEL_ID, java.util.List.of(), java.util.List.of());
  private final LiveOutbox live = LiveOutbox.on(store, slack);
  private final ExecutorService work = Executors.newFixedThreadPool(2);
  private HttpFront front;

  @AfterEach
  void stop() {
    if (front != null) {
      front.close();
    }
    work.shutdownNow();
    live.close();
    bot.close();
    slack.close();
  }

  @Test
  void costIsAnsweredAtOnce_andItsChartIsUploadedToTheChannel() throws Exception {
    var settings = new SlackSettings(SlackStandIn.BOT_TOKEN, SECRET, slack.methodsUrlPrefix(), SlackPayloads.CHANNEL_ID)
        .allowingLoopbackResponseUrl(); // the stand-in's response URLs are on 127.0.0.1
    var slackBot = new SlackBot(settings, bot.router(), SlackBot.defaultBlocks(), work, Clock.systemUTC(),
        live.outbox(), CostChart.attachments(bot.store(), bot.spend().zone(), 50, clock), () -> true);
    front = HttpFront.start(new InetSocketAddress("127.0.0.1", 0), Optional.of(slackBot.app()),
        bot.metrics()::scrape, () -> true, 4);
    Map<String, String> fields = SlackPayloads.slashCommandFields("cost", slack.responseUrl("r1"));
    fields.put("trigger_id", "trigger-cost");
    var request = new SignedRequests(SECRET, Clock.systemUTC()).slashCommand(fields);
    var post = new Request.Builder().url("http://127.0.0.1:" + front.port() + "/slack/events")
        .post(RequestBody.create(request.body(), MediaType.get("application/x-www-form-urlencoded")));
    request.headers().forEach(post::header);

    try (Response response = new OkHttpClient().newCall(post.build()).execute()) {
      assertEquals(200, response.code());
      JsonNode ack = new ObjectMapper().readTree(response.body().string());
      assertTrue(ack.path("blocks").toString().contains("Spend on 2026-11-28 (UTC)"), ack.toString());
    }

    var completed = slack.awaitCalls("files.completeUploadExternal", 1).get(0);
    assertEquals(SlackPayloads.CHANNEL_ID, completed.param("channel_id"));
    String fileId = completed.jsonParam("files").get(0).path("id").asText();
    BufferedImage chart = ImageIO.read(new ByteArrayInputStream(slack.uploadedBytes(fileId).orElseThrow()));
    assertEquals(CostChart.WIDTH, chart.getWidth());
    assertEquals(CostChart.HEIGHT, chart.getHeight());
  }
}
