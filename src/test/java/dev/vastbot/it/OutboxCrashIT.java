package dev.vastbot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.slack.SignedRequests;
import dev.vastbot.slack.SlackPayloads;
import dev.vastbot.slack.SlackStandIn;
import dev.vastbot.store.JdbcFleetStore;
import dev.vastbot.testing.Eventually;
import dev.vastbot.vast.ApiKey;
import dev.vastbot.vast.VastClient;
import dev.vastbot.vast.VastClientSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing queued is lost to a crash: {@code serve} queues ten approval prompts while Slack answers
 * its first post with a 429 (so they wait in the outbox), is killed with {@code kill -9}, and a new
 * {@code serve} on the same store posts all ten, each once, in the order they were asked for.
 */
class OutboxCrashIT {
  private static final String SECRET = "crash-secret";
  private static final int PROMPTS = 10;
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private static final Pattern TERMINATION = Pattern.compile("Termination (\\d+)");
  @TempDir Path dir;

  @Test
  void tenPromptsQueuedBeforeAKill_areEachPostedOnceAfterTheRestart() throws Exception {
    try (SlackStandIn slack = SlackStandIn.start()) {
      Process sim = JarProcess.builder(Map.of(), dir, "sim", "--instances", Integer.toString(PROMPTS), "--seed", "5")
          .redirectErrorStream(true).start();
      Process serve = null;
      try {
        Map<String, String> vast = JarProcess.readValues(sim, List.of("VAST_API_URL", "VAST_API_KEY"));
        List<Long> ids = VastClient.create(new OkHttpClient(), VastClientSettings.defaults(vast.get("VAST_API_URL"),
            ApiKey.of(vast.get("VAST_API_KEY")))).listInstances().stream().map(i -> i.id()).sorted().toList();
        assertEquals(PROMPTS, ids.size());
        Map<String, String> env = environment(vast, slack);
        slack.rateLimitNext("chat.postMessage", 1, 20); // the first post waits, and the rest behind it

        serve = JarProcess.builder(env, dir, "serve", "--http-port", "0", "--http-host", "127.0.0.1")
            .redirectErrorStream(true).start();
        int port = servingPort(serve);
        var signed = new SignedRequests(SECRET, Clock.systemUTC());
        var http = new OkHttpClient();
        for (long id : ids) {
          Map<String, String> fields = SlackPayloads.slashCommandFields("shutdown " + id, slack.responseUrl("c" + id));
          fields.put("trigger_id", "crash-" + id);
          post(http, port, signed.slashCommand(fields));
        }
        String url = env.get("VASTBOT_DB");
        Eventually.await("ten prompts queued and the first post refused", Duration.ofSeconds(90),
            () -> List.of(queuedPrompts(url), (long) slack.calls("chat.postMessage").size()),
            seen -> seen.get(0) == PROMPTS && seen.get(1) == 1);
        serve.destroyForcibly();
        assertTrue(serve.waitFor(20, TimeUnit.SECONDS));
        assertEquals(1, slack.calls("chat.postMessage").size(), "nothing was posted before the kill");

        serve = JarProcess.builder(env, dir, "serve", "--http-port", "0", "--http-host", "127.0.0.1")
            .redirectErrorStream(true).start();
        servingPort(serve);
        var posted = Eventually.await("the ten prompts posted", Duration.ofSeconds(150),
            () -> slack.calls("chat.postMessage").stream().filter(call -> call.status() == 200)
                .map(call -> call.param("text")).filter(text -> TERMINATION.matcher(text).find()).toList(),
            texts -> texts.size() >= PROMPTS);
        List<Long> requests = posted.stream().map(text -> TERMINATION.matcher(text).results().findFirst()
            .map(m -> Long.parseLong(m.group(1))).orElseThrow(() -> new AssertionError(text))).toList();
        assertEquals(PROMPTS, requests.stream().distinct().count(), "each once: " + posted);
        assertEquals(requests.stream().sorted().toList(), requests, "in the order they were asked for");
        assertEquals(PROMPTS, posted.size(), "no second copy: " + posted);
      } finally {
        if (serve != null) {
          serve.destroy();
          serve.waitFor(20, TimeUnit.SECONDS);
        }
        sim.destroy();
        sim.waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * The approval prompts waiting in the outbox of the store at {@code url}, read as another process
   * would: requests 1 to 10 are the ten terminations (a new store numbers operations from 1).
   */
  private static long queuedPrompts(String url) {
    try (var store = JdbcFleetStore.open(url)) {
      return java.util.stream.LongStream.rangeClosed(1, PROMPTS).mapToObj(op -> store.outboxMessage("prompt:" + op))
          .filter(message -> message.filter(m -> !m.state().finished()).isPresent()).count();
    }
  }

  private Map<String, String> environment(Map<String, String> vast, SlackStandIn slack) throws Exception {
    Map<String, String> env = new HashMap<>(vast);
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(config.resolve("vastbot.yaml"), """
        slack:
          channel: C0000CHAN
          operators: [%s]
          approvers: [U0BOSS]
        """.formatted(SlackPayloads.USER_ID));
    env.put("VASTBOT_CONFIG_DIR", config.toString());
    env.put("VASTBOT_DB", "jdbc:sqlite:" + dir.resolve("vastbot.db"));
    env.put("VAST_SSH_KEY", dir.resolve("no-key").toString());
    env.put("SLACK_API_URL", slack.methodsUrlPrefix());
    env.put("SLACK_BOT_TOKEN", SlackStandIn.BOT_TOKEN);
    env.put("SLACK_SIGNING_SECRET", SECRET);
    return env;
  }

  private static void post(OkHttpClient http, int port, SignedRequests.SignedRequest request) throws Exception {
    var builder = new Request.Builder().url("http://127.0.0.1:" + port + "/slack/events")
        .post(RequestBody.create(request.body(), FORM));
    request.headers().forEach(builder::header);
    try (var response = http.newCall(builder.build()).execute()) {
      assertEquals(200, response.code(), response.body().string());
    }
  }

  private static int servingPort(Process serve) throws Exception {
    var reader = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    return CompletableFuture.supplyAsync(() -> {
      try {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          var port = Pattern.compile("vastbot serving on port (\\d+)").matcher(line);
          if (port.find()) {
            JarProcess.drain(reader);
            return Integer.parseInt(port.group(1));
          }
        }
        throw new IllegalStateException("serve exited before it served");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).get(120, TimeUnit.SECONDS);
  }
}
