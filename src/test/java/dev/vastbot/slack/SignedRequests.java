package dev.vastbot.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds Slack's signed HTTP requests (body and headers) as Slack would send them to the bot:
 * {@code X-Slack-Request-Timestamp} (epoch seconds from the injected clock) and {@code
 * X-Slack-Signature: v0=hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + body))}.
 *
 * <p>Bodies are form-encoded ({@code application/x-www-form-urlencoded}) for slash commands and
 * {@code payload=<urlencoded JSON>} for block actions, so they are plain ASCII and sign the same
 * whatever the platform charset (Bolt's verifier uses {@code String#getBytes()}). Variants for the
 * negative cases are on {@link SignedRequest}: {@link SignedRequest#stale()}, {@link
 * SignedRequest#withWrongSignature()}, {@link SignedRequest#withoutHeaders()}, {@link
 * SignedRequest#withRetry}. Immutable; thread-safe when the clock is.
 */
public final class SignedRequests {
  /** How old {@link SignedRequest#stale()} makes a request: past Bolt's 5-minute window. */
  public static final Duration STALE_AGE = Duration.ofMinutes(6);

  public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Slack-Signature";
  public static final String RETRY_NUM_HEADER = "X-Slack-Retry-Num";
  public static final String RETRY_REASON_HEADER = "X-Slack-Retry-Reason";

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String JSON = "application/json";

  private final String signingSecret;
  private final Clock clock;

  public SignedRequests(String signingSecret, Clock clock) {
    this.signingSecret = requireNonNull(signingSecret, "signingSecret == null");
    this.clock = requireNonNull(clock, "clock == null");
  }

  /** {@code /vast <text>} with the fields of {@link SlackPayloads#slashCommandFields}. */
  public SignedRequest slashCommand(String text, String responseUrl) {
    return slashCommand(SlackPayloads.slashCommandFields(text, responseUrl));
  }

  /** A slash command with exactly these form fields, in their order. */
  public SignedRequest slashCommand(Map<String, String> fields) {
    return signedNow(formBody(fields), null, FORM);
  }

  /** A block action: body {@code payload=<urlencoded payloadJson>}. */
  public SignedRequest blockAction(String payloadJson) {
    return signedNow(
        "payload=" + URLEncoder.encode(payloadJson, StandardCharsets.UTF_8), payloadJson, FORM);
  }

  /** An Events API request: the JSON body as is. */
  public SignedRequest event(String json) {
    return signedNow(json, json, JSON);
  }

  /** {@code fields} form-encoded in their order ({@code name=value&...}, UTF-8). */
  public static String formBody(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** {@code v0=} and the lowercase hex HMAC-SHA256 of {@code v0:timestamp:body}. */
  public static String signatureOf(String secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest =
          mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private SignedRequest signedNow(String body, String payloadJson, String contentType) {
    return new SignedRequest(this, body, payloadJson, contentType)
        .signedAt(clock.instant());
  }

  /**
   * One signed request; every variant method returns a new request. Header names are Slack's
   * spelling; Bolt's {@link RequestHeaders} looks them up case-insensitively.
   */
  public static final class SignedRequest {
    private final SignedRequests signer;
    private final String body;
    private final String payloadJson;
    private final String contentType;
    private final Map<String, String> headers;

    private SignedRequest(
        SignedRequests signer, String body, String payloadJson, String contentType) {
      this(signer, body, payloadJson, contentType, Map.of("Content-Type", contentType));
    }

    private SignedRequest(SignedRequests signer, String body, String payloadJson,
        String contentType, Map<String, String> headers) {
      this.signer = signer;
      this.body = body;
      this.payloadJson = payloadJson;
      this.contentType = contentType;
      this.headers = Map.copyOf(headers);
    }

    public String body() {
      return body;
    }

    /** The JSON inside the body (block actions, events), or null for a slash command. */
    public String payloadJson() {
      return payloadJson;
    }

    /** The timestamp header's value, or null when left out. */
    public String timestamp() {
      return headers.get(TIMESTAMP_HEADER);
    }

    /** The signature header's value, or null when left out. */
    public String signature() {
      return headers.get(SIGNATURE_HEADER);
    }

    /** The headers, one value each (Content-Type, the Slack headers present). */
    public Map<String, String> headers() {
      return headers;
    }

    /** The headers in Bolt's form. */
    public RequestHeaders requestHeaders() {
      Map<String, List<String>> multi = new LinkedHashMap<>();
      headers.forEach((name, value) -> multi.put(name, List.of(value)));
      return new RequestHeaders(multi);
    }

    public SlashCommandRequest toSlashCommandRequest() {
      return new SlashCommandRequest(body, requestHeaders());
    }

    public BlockActionRequest toBlockActionRequest() {
      return new BlockActionRequest(body, requireNonNull(payloadJson, "not a block action"),
          requestHeaders());
    }

    public EventRequest toEventRequest() {
      return new EventRequest(body, requestHeaders());
    }

    /** Correctly signed, at {@code instant} (whole seconds). */
    public SignedRequest signedAt(Instant instant) {
      String timestamp = String.valueOf(instant.getEpochSecond());
      var next = new LinkedHashMap<>(headers);
      next.put(TIMESTAMP_HEADER, timestamp);
      next.put(SIGNATURE_HEADER, signatureOf(signer.signingSecret, timestamp, body));
      return with(next);
    }

    /** Correctly signed, {@link #STALE_AGE} before the clock's now: Bolt answers 401. */
    public SignedRequest stale() {
      return signedAt(signer.clock.instant().minus(STALE_AGE));
    }

    /** A well-formed {@code v0=} signature made with another secret: Bolt answers 401. */
    public SignedRequest withWrongSignature() {
      var next = new LinkedHashMap<>(headers);
      next.put(SIGNATURE_HEADER,
          signatureOf(signer.signingSecret + "-not", requireNonNull(timestamp(), "no timestamp"),
              body));
      return with(next);
    }

    /** Neither timestamp nor signature header. */
    public SignedRequest withoutHeaders() {
      return without(TIMESTAMP_HEADER).without(SIGNATURE_HEADER);
    }

    /** Without the header {@code name}. */
    public SignedRequest without(String name) {
      var next = new LinkedHashMap<>(headers);
      next.remove(name);
      return with(next);
    }

    /** Slack's retry headers, {@code X-Slack-Retry-Num} and {@code X-Slack-Retry-Reason}. */
    public SignedRequest withRetry(int retryNum, String reason) {
      var next = new LinkedHashMap<>(headers);
      next.put(RETRY_NUM_HEADER, String.valueOf(retryNum));
      next.put(RETRY_REASON_HEADER, reason);
      return with(next);
    }

    private SignedRequest with(Map<String, String> nextHeaders) {
      return new SignedRequest(signer, body, payloadJson, contentType, nextHeaders);
    }

    @Override
    public String toString() {
      return "SignedRequest" + headers + " " + body;
    }
  }
}
