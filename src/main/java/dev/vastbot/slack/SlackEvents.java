package dev.vastbot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events} apart from HTTP: a request's signature is checked on the raw bytes
 * ({@link RequestSignatureCheck}) before anything reads them, and only then is the body parsed (a
 * slash command by {@link SlashCommandForms}, anything else by Bolt's {@link SlackRequestParser},
 * as Bolt's servlet adapter does) and run by the app. A refused request is answered {@link
 * #unauthorized()} and logged by what was wrong with it and the peer's address: no body, header
 * value or signature is ever logged. Thread-safe when the app is.
 */
final class SlackEvents {
  private static final Logger log = LoggerFactory.getLogger(SlackEvents.class);
  private final App app;
  private final RequestSignatureCheck signatures;
  private final SlackRequestParser parser;

  /**
   * @param app has the signing secret in its config ({@code AppConfig#getSigningSecret})
   * @throws IllegalArgumentException when it has none: HTTP mode cannot check requests without it
   */
  SlackEvents(App app, Clock clock) {
    String secret = app.config().getSigningSecret();
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("HTTP mode needs the app's signing secret to check requests");
    }
    this.app = app;
    this.signatures = new RequestSignatureCheck(new SlackSignatures(secret), clock);
    this.parser = new SlackRequestParser(app.config());
  }

  /** The answer to every request whose signature does not pass, as Bolt's own check wrote it. */
  static Response unauthorized() {
    return Response.json(401, "{\"error\":\"invalid request\"}");
  }

  /** Checks the signature; whether the request may be parsed and run. Cheap: call it before queueing. */
  boolean verified(byte[] body, RequestHeaders headers, String peer) {
    var verdict = signatures.check(headers.getFirstValue(RequestSignatureCheck.TIMESTAMP_HEADER),
        headers.getFirstValue(RequestSignatureCheck.SIGNATURE_HEADER), body);
    if (verdict != RequestSignatureCheck.Verdict.VALID) {
      log.info("refused a Slack request from " + peer + ": " + verdict.description());
      return false;
    }
    return true;
  }

  /**
   * Runs a request that {@link #verified} passed: 400 when it is no request Slack sends, 500 when
   * the app failed.
   */
  Response run(byte[] body, RequestHeaders headers, String path, String peer) {
    String text = new String(body, StandardCharsets.UTF_8);
    Request<?> request = SlashCommandForms.parse(text, headers, peer, app.config());
    if (request == null) {
      request = parser.parse(SlackRequestParser.HttpRequest.builder()
          .requestUri(path)
          .queryString(Map.of())
          .headers(headers)
          .requestBody(text)
          .remoteAddress(peer)
          .build());
    }
    if (request == null) {
      return Response.json(400, "{\"error\":\"invalid request\"}");
    }
    SigningApp.markVerified(request);
    try {
      return app.run(request);
    } catch (Exception failed) {
      log.error("Slack request failed: " + failed.getClass().getSimpleName());
      return Response.json(500, "{\"error\":\"something went wrong\"}");
    }
  }
}
