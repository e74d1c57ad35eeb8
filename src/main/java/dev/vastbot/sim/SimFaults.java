package dev.vastbot.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Switchable faults, for tests and the standalone sim ({@code POST /_sim/faults}). Request faults
 * count HTTP requests to the API (not to {@code /_sim}); {@code requests} is how many of the next
 * ones are hit, or {@code -1} for all until {@link #clear()}. Instance faults change one instance's
 * state at once and throw {@link IllegalArgumentException} for an unknown id. Thread-safe; may be
 * switched while a server runs.
 */
public final class SimFaults {
  private static final Set<Integer> SERVER_ERRORS = Set.of(500, 502, 503, 504);

  private final SimMarketplace marketplace;
  private final FaultBudget rateLimitStorm = new FaultBudget();
  private final FaultBudget serverErrors = new FaultBudget();
  private final FaultBudget slowAnswers = new FaultBudget();
  private final FaultBudget malformedJson = new FaultBudget();
  private final FaultBudget droppedCreates = new FaultBudget();
  private final FaultBudget duplicateIds = new FaultBudget();
  private int serverErrorStatus = 503;
  private Duration slowAnswerDelay = Duration.ZERO;
  private boolean keyRevoked;
  private boolean listEndpointDeprecated = true;
  private boolean chargesForbidden;

  SimFaults(SimMarketplace marketplace) {
    this.marketplace = marketplace;
  }

  /** The next {@code requests} API requests answer 429, whatever the rate limiter says. */
  public synchronized void rateLimitStorm(int requests) {
    rateLimitStorm.arm(requests);
  }

  /** The next {@code requests} API requests answer {@code status} (500, 502, 503 or 504). */
  public synchronized void serverErrors(int status, int requests) {
    if (!SERVER_ERRORS.contains(status)) {
      throw new IllegalArgumentException("status must be 500, 502, 503 or 504: " + status);
    }
    serverErrorStatus = status;
    serverErrors.arm(requests);
  }

  /** The next {@code requests} API answers are held back for {@code delay} of real time. */
  public synchronized void slowAnswers(Duration delay, int requests) {
    Objects.requireNonNull(delay, "delay == null");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay < 0: " + delay);
    }
    slowAnswerDelay = delay;
    slowAnswers.arm(requests);
  }

  /** The next {@code requests} API answers are 200 with a truncated, unparseable JSON body. */
  public synchronized void malformedJson(int requests) {
    malformedJson.arm(requests);
  }

  /**
   * The next {@code requests} creates are carried out, but answer 504 as if the gateway gave up.
   */
  public synchronized void dropResponseAfterCreate(int requests) {
    droppedCreates.arm(requests);
  }

  /**
   * The next {@code pages} pages of {@code GET /api/v1/instances/} that follow a token start with
   * the last instance of the page before, as when the list shifts between two page requests.
   */
  public synchronized void duplicateIds(int pages) {
    duplicateIds.arm(pages);
  }

  /** The API key stops working: 401 "Invalid user key" until {@link #clear()}. */
  public synchronized void revokeKey() {
    keyRevoked = true;
  }

  /**
   * The account may not read its charges, as with a key whose scope lacks {@code billing_read}:
   * {@code GET /charges/} answers 403 {@code auth_error} until {@link #clear()}.
   */
  public synchronized void forbidCharges() {
    chargesForbidden = true;
  }

  /** Whether {@code GET /api/v0/instances/} answers 410 (default) or the old 200 list. */
  public synchronized void deprecatedListEndpoint(boolean deprecated) {
    listEndpointDeprecated = deprecated;
  }

  /** The market moves: every offer costs {@code factor} times its seeded price from now on. */
  public void priceJump(double factor) {
    marketplace.setPriceFactor(factor);
  }

  /** Outbid: intended, current and next state all {@code stopped}; storage keeps billing. */
  public void outbid(long instanceId) {
    marketplace.applyFault(instanceId, SimInstance::outbid);
  }

  /** The host drops off: {@code actual_status} offline, and nothing is billed. */
  public void hostOffline(long instanceId) {
    marketplace.applyFault(instanceId, SimInstance::hostOffline);
  }

  /** The container exits: {@code actual_status} exited with {@code status_msg = message}. */
  public void containerExited(long instanceId, String message) {
    Objects.requireNonNull(message, "message == null");
    marketplace.applyFault(instanceId, instance -> instance.containerExited(message));
  }

  /** The instance reports {@code actual_status = status}, whatever it is, until something moves it. */
  public void reportStatus(long instanceId, String status) {
    Objects.requireNonNull(status, "status == null");
    marketplace.applyFault(instanceId, instance -> instance.reportStatus(status));
  }

  /** Stuck in {@code created} with a status_msg containing "OCI runtime create failed". */
  public void ociFailure(long instanceId) {
    marketplace.applyFault(instanceId, SimInstance::ociFailure);
  }

  /** The instance stays in {@code loading} (also after later starts) until {@link #clear()}. */
  public void loadingForever(long instanceId) {
    marketplace.applyFault(instanceId, SimInstance::holdInLoading);
  }

  /** The next {@code creates} new instances stay in {@code loading} (-1: all until cleared). */
  public void loadingForeverForNextCreates(int creates) {
    if (creates < FaultBudget.UNTIL_CLEARED) {
      throw new IllegalArgumentException("creates < -1: " + creates);
    }
    marketplace.holdNextCreatesInLoading(creates);
  }

  /**
   * The next starts of this stopped instance answer success but never reach running: the GPU went
   * to another renter ({@code intended_status} running, {@code cur_state} stopped).
   */
  public void gpuTakenOnRestart(long instanceId) {
    marketplace.applyFault(instanceId, instance -> instance.gpuTakenOnRestart(true));
  }

  /**
   * Ends every request fault, restores the key and the 410 list, and disarms instance faults (a
   * held loading instance goes on to running). States already reached stay as they are.
   */
  public void clear() {
    synchronized (this) {
      rateLimitStorm.arm(0);
      serverErrors.arm(0);
      slowAnswers.arm(0);
      malformedJson.arm(0);
      droppedCreates.arm(0);
      duplicateIds.arm(0);
      keyRevoked = false;
      listEndpointDeprecated = true;
      chargesForbidden = false;
    }
    marketplace.clearInstanceFaults();
  }

  synchronized boolean keyRevoked() {
    return keyRevoked;
  }

  synchronized boolean chargesForbidden() {
    return chargesForbidden;
  }

  synchronized boolean listEndpointDeprecated() {
    return listEndpointDeprecated;
  }

  synchronized boolean takeRateLimitStorm() {
    return rateLimitStorm.take();
  }

  synchronized OptionalInt takeServerError() {
    return serverErrors.take() ? OptionalInt.of(serverErrorStatus) : OptionalInt.empty();
  }

  synchronized Optional<Duration> takeSlowAnswer() {
    return slowAnswers.take() ? Optional.of(slowAnswerDelay) : Optional.empty();
  }

  synchronized boolean takeMalformedJson() {
    return malformedJson.take();
  }

  synchronized boolean takeDroppedCreate() {
    return droppedCreates.take();
  }

  synchronized boolean takeDuplicateIds() {
    return duplicateIds.take();
  }
}
