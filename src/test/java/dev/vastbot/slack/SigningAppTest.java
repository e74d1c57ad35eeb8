package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.slack.api.app_backend.SlackSignature;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link SlackSignatures} computes what Bolt's own generator computes; {@link SigningApp} runs an
 * HTTP request only when {@link HttpFront} checked it (and a Socket Mode one always).
 */
class SigningAppTest {
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

  @Test
  void sameSignatureAsBoltsGenerator() {
    var bolt = new SlackSignature.Generator(SECRET);
    var ours = new SlackSignatures(SECRET);
    for (String body : List.of("", "command=%2Fvast&text=status", "payload=%7B%22type%22%3A%22block_actions%22%7D",
        "{\"type\":\"event_callback\",\"event\":{\"text\":\"plain\"}}")) {
      assertEquals(bolt.generate("1531420618", body), ours.generate("1531420618", body), body);
    }
    // Slack's documented example
    assertEquals("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
        new SlackSignatures("8f742231b10e8888abcd99yyyzzz85a5").generate("1531420618",
            "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
                + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554"
                + "%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"));
  }

  @Test
  void anHttpRequestTheFrontDidNotCheck_is401_evenWhenCorrectlySigned() throws Exception {
    var app = new SigningApp(com.slack.api.bolt.AppConfig.builder().signingSecret(SECRET).build());
    app.command("/vast", (request, context) -> context.ack("ran"));
    var signed = new SignedRequests(SECRET, java.time.Clock.systemUTC());

    var unchecked = signed.slashCommand("status", "https://hooks.slack.com/commands/T0/1/x").toSlashCommandRequest();
    var checked = signed.slashCommand("status", "https://hooks.slack.com/commands/T0/1/x").toSlashCommandRequest();
    SigningApp.markVerified(checked);
    var socketMode = signed.slashCommand("status", "https://hooks.slack.com/commands/T0/1/x").withoutHeaders()
        .toSlashCommandRequest();
    socketMode.setSocketMode(true);

    assertEquals(401, app.run(unchecked).getStatusCode());
    assertEquals("{\"error\":\"invalid request\"}", app.run(unchecked).getBody());
    assertEquals(200, app.run(checked).getStatusCode());
    assertEquals(200, app.run(socketMode).getStatusCode(), "Socket Mode requests come unsigned over the socket");
  }

  @Test
  void noTimestampNoSignatureAndBlankSecretRefused() {
    assertNull(new SlackSignatures(SECRET).generate(null, "x"));
    assertThrows(IllegalArgumentException.class, () -> new SlackSignatures(" "));
  }

  @Test
  void threadsDoNotShareAMac() throws Exception {
    var bolt = new SlackSignature.Generator(SECRET);
    var ours = new SlackSignatures(SECRET);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String body = "text=" + i;
        results.add(pool.submit(() -> ours.generate("1", body).equals(bolt.generate("1", body))));
      }
      for (Future<Boolean> result : results) {
        assertEquals(true, result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
