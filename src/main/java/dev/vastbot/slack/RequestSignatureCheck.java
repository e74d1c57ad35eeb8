package dev.vastbot.slack;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Slack's request signature, checked on the raw body bytes before anything parses them: the
 * {@code X-Slack-Request-Timestamp} header must be within {@link #WINDOW} of the clock's now in
 * either direction (Bolt's own check only refused old ones, so a request signed for next year was
 * good until then), and {@code X-Slack-Signature} must equal {@code v0=} and the hex HMAC-SHA256
 * of {@code v0:timestamp:body} keyed with the signing secret ({@link SlackSignatures}), compared
 * in constant time. The one check of HTTP mode: {@link HttpFront} runs it, and {@link SigningApp}
 * refuses any HTTP request the front did not pass. Thread-safe.
 */
final class RequestSignatureCheck {
  /** How far a request's timestamp may be from now, either way (Slack's guidance: 5 minutes). */
  static final Duration WINDOW = Duration.ofMinutes(5);
  static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
  static final String SIGNATURE_HEADER = "X-Slack-Signature";
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");
  private static final Pattern SIGNATURE = Pattern.compile("v0=[0-9a-f]{64}");

  /** What the check found; only {@link #VALID} lets a request through. */
  enum Verdict {
    VALID("valid"),
    MISSING("no timestamp or signature header"),
    MALFORMED("a timestamp or signature that is not in Slack's form"),
    OUT_OF_WINDOW("a timestamp more than 5 minutes from now"),
    WRONG("a signature that does not match the body");

    private final String description;

    Verdict(String description) {
      this.description = description;
    }

    /** For a log line: says what was wrong, never what the request held. */
    String description() {
      return description;
    }
  }

  private final SlackSignatures signatures;
  private final Clock clock;

  RequestSignatureCheck(SlackSignatures signatures, Clock clock) {
    this.signatures = requireNonNull(signatures, "signatures == null");
    this.clock = requireNonNull(clock, "clock == null");
  }

  /**
   * Checks one request.
   *
   * @param timestamp the timestamp header's value, or null when absent
   * @param signature the signature header's value, or null when absent
   * @param body the body exactly as received
   */
  Verdict check(String timestamp, String signature, byte[] body) {
    if (timestamp == null || signature == null) {
      return Verdict.MISSING;
    }
    String ts = timestamp.strip();
    String sig = signature.strip();
    if (!TIMESTAMP.matcher(ts).matches() || !SIGNATURE.matcher(sig).matches()) {
      return Verdict.MALFORMED;
    }
    long skewSeconds = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(ts));
    if (skewSeconds > WINDOW.toSeconds()) {
      return Verdict.OUT_OF_WINDOW;
    }
    byte[] expected = signatures.signatureOf(ts, body);
    return MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII)) ? Verdict.VALID : Verdict.WRONG;
  }
}
