package dev.vastbot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.slack.SignedRequests;
import dev.vastbot.slack.SlackApprovalPrompts;
import dev.vastbot.slack.SlackPayloads;
import dev.vastbot.slack.SlackStandIn;
import dev.vastbot.ssh.SshKeys;
import dev.vastbot.testing.Eventually;
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
 * {@code vastbot serve} (the packaged jar, HTTP mode) against a {@code vastbot sim --hosts}
 * process and a local stand-in for Slack's Web API: a shutdown from the slash command to the
 * destroyed instance, the prompt edited at each step.
 */
class ServeJarIT {
  private static final String SECRET = "serve-it-secret";
  private static final String APPROVER = "U0BOSS";
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  @TempDir Path dir;

  @Test
  void aShutdownFromTheSlashCommandToTheDestroyedInstance() throws Exception {
    try (SlackStandIn slack = SlackStandIn.start()) {
      Process sim = JarProcess.builder(Map.of(), dir, "sim", "--hosts", "--seed", "4").redirectErrorStream(true).start();
      Process serve = null;
      try {
        Map<String, String> env = environment(JarProcess.readValues(sim, List.of("VAST_API_URL", "VAST_API_KEY")));
        var provisioned = JarProcess.run(env, dir, "", 240, "p2p-sync", "--provision", "--gpu-type", "RTX_4090",
            "--count", "1");
        assertEquals(0, provisioned.exitCode(), provisioned.out() + provisioned.err());
        long id = Long.parseLong(Pattern.compile("(?m)^(\\d{6,})\\s+RTX 4090").matcher(provisioned.out()).results()
            .findFirst().orElseThrow().group(1));

        slack.addChannel("C0000OTHER", "random");
        slack.addChannel(SlackPayloads.CHANNEL_ID, "gpu-fleet"); // the config names it; serve looks it up
        env.put("SLACK_API_URL", slack.methodsUrlPrefix());
        env.put("SLACK_BOT_TOKEN", SlackStandIn.BOT_TOKEN);
        env.put("SLACK_SIGNING_SECRET", SECRET);
        serve = JarProcess.builder(env, dir, "serve", "--http-port", "0", "--http-host", "127.0.0.1")
            .redirectErrorStream(true).start();
        var output = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        int port = Integer.parseInt(servingPort(serve, output));
        var signed = new SignedRequests(SECRET, Clock.systemUTC());
        var http = new OkHttpClient();

        Map<String, String> fields = SlackPayloads.slashCommandFields("shutdown " + id, slack.responseUrl("cmd"));
        fields.put("trigger_id", "serve-it-trigger");
        post(http, port, signed.slashCommand(fields));
        var prompt = slack.awaitCalls("chat.postMessage", 1, Duration.ofSeconds(30)).stream()
            .filter(c -> c.param("blocks") != null && c.param("blocks").contains(SlackApprovalPrompts.APPROVE))
            .findFirst().orElseThrow();
        long request = Long.parseLong(Pattern.compile("Termination (\\d+)").matcher(prompt.param("blocks")).results()
            .findFirst().orElseThrow().group(1));
        String ts = prompt.answerJson().path("ts").asText();

        String click = SlackPayloads.blockAction(SlackApprovalPrompts.APPROVE, Long.toString(request), ts,
            slack.responseUrl("click")).replaceFirst("\"id\":\"" + SlackPayloads.USER_ID + "\"",
            "\"id\":\"" + APPROVER + "\"");
        post(http, port, signed.blockAction(click));

        List<String> edits = Eventually.await("the prompt edited through to the outcome", Duration.ofSeconds(120),
            () -> slack.calls("chat.update").stream().filter(c -> ts.equals(c.param("ts")))
                .map(c -> c.param("text")).toList(),
            all -> !all.isEmpty() && all.get(all.size() - 1).contains("Destroyed"));
        assertTrue(edits.get(0).contains("Approved"), edits.toString());
        assertTrue(slack.calls("chat.update").stream().allMatch(c -> SlackPayloads.CHANNEL_ID.equals(c.param("channel"))),
            "every edit names the channel by the id conversations.list gave");
        String warmUp = Eventually.await("serve's acknowledgement warm-up line", Duration.ofSeconds(60),
            () -> output.stream().filter(l -> l.contains("acknowledgement warm-up")).findFirst(),
            java.util.Optional::isPresent).orElseThrow();
        assertTrue(warmUp.matches(".*acknowledgement warm-up: \\d+ signed slash commands to itself in .* 0 failed.*"),
            warmUp);
        assertFalse(String.join("\n", output).contains(SECRET), "the signing secret is never printed");
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

  private static void post(OkHttpClient http, int port, SignedRequests.SignedRequest request) throws Exception {
    var builder = new Request.Builder().url("http://127.0.0.1:" + port + "/slack/events")
        .post(RequestBody.create(request.body(), FORM));
    request.headers().forEach(builder::header);
    try (var response = http.newCall(builder.build()).execute()) {
      assertEquals(200, response.code(), response.body().string());
    }
  }

  private Map<String, String> environment(Map<String, String> sim) throws Exception {
    Map<String, String> env = new HashMap<>(sim);
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(config.resolve("vastbot.yaml"), """
        slack:
          channel: "#gpu-fleet"
          approvers: [%s]
          operators: [%s]
          allow_loopback_response_url: true
        provision:
          poll_interval_seconds: 1
        health:
          connect_timeout_seconds: 3
          command_timeout_seconds: 20
        sync:
          paths:
            - ~/ringrift/ai-service/data/games
            - ~/ringrift/ai-service/models
            - ~/ringrift/ai-service/data/unified_elo.db
          local_dir: %s
        """.formatted(APPROVER, SlackPayloads.USER_ID, dir.resolve("sync")));
    Path key = dir.resolve("vast_ed25519");
    SshKeys.createEd25519(key, "serve-it");
    env.put("VASTBOT_CONFIG_DIR", config.toString());
    env.put("VAST_SSH_KEY", key.toString());
    env.put("VASTBOT_DB", "jdbc:sqlite:" + dir.resolve("vastbot.db"));
    return env;
  }

  /** The port {@code serve} says it listens on, within a deadline. */
  private static String servingPort(Process serve, java.util.Queue<String> output) throws Exception {
    var reader = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    return CompletableFuture.supplyAsync(() -> {
      try {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          var port = Pattern.compile("vastbot serving on port (\\d+)").matcher(line);
          if (port.find()) {
            JarProcess.drain(reader, output::add);
            return port.group(1);
          }
        }
        throw new IllegalStateException("serve exited before it served");
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }).get(60, TimeUnit.SECONDS);
  }
}
