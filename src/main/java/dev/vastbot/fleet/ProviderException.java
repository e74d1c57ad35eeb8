package dev.vastbot.fleet;

import java.util.Objects;

/**
 * A provider call that failed, named for what failed. Unchecked. The message is safe to show a
 * person: it never holds an API key or other secret.
 */
public class ProviderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that branch on it. */
  public enum Reason {
    /** The API key was refused (Vast answers 404 or 401 {@code auth_error}). */
    INVALID_KEY,
    /** The key is valid but lacks permission (403). */
    FORBIDDEN,
    /** The offer was taken before we could rent it ({@code no_such_ask}, 404/410). */
    OFFER_UNAVAILABLE,
    /** The instance does not exist (any more). */
    NOT_FOUND,
    /** Still rate limited (429) after the bounded retries. */
    RATE_LIMITED,
    /** Gateway errors or connection failures after the bounded retries. */
    UNAVAILABLE,
    /** No answer within the deadline. */
    TIMEOUT,
    /** The endpoint has been retired (410 {@code deprecated_endpoint}). */
    DEPRECATED_ENDPOINT,
    /** The answer could not be read (not JSON, or not the expected shape). */
    MALFORMED_RESPONSE,
    /** The answer was larger than the client reads; not retried, a repeat would be as large. */
    RESPONSE_TOO_LARGE,
    /** The provider refused the request (400 and other errors). */
    REJECTED
  }

  private final Reason reason;
  private final int httpStatus;

  public ProviderException(Reason reason, int httpStatus, String message) {
    this(reason, httpStatus, message, null);
  }

  public ProviderException(Reason reason, int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.httpStatus = httpStatus;
  }

  public Reason reason() {
    return reason;
  }

  /** The HTTP status of the last answer, or 0 when there was none. */
  public int httpStatus() {
    return httpStatus;
  }

  /** True when the same call may succeed later without anything changing on our side. */
  public boolean transientFailure() {
    return reason == Reason.RATE_LIMITED || reason == Reason.UNAVAILABLE || reason == Reason.TIMEOUT;
  }
}
