package dev.vastbot.service.cost;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.cost.ChargePeriod;
import dev.vastbot.fleet.cost.ChargeReconciliation;
import dev.vastbot.fleet.cost.VastCharges;
import dev.vastbot.fleet.port.ChargesSource;
import dev.vastbot.fleet.port.SpendStore;
import java.time.Instant;
import java.time.ZoneId;
/**
 * Reconciles the store's spend ledger with the provider's charges for the month's complete days
 * ({@link ChargePeriod#completeDaysOfMonth}). A provider failure never fails the caller: an account
 * that may not read charges (Vast answers 403, or 404 {@code auth_error}) is "not available", any
 * other failure "could not be read now".
 */
public final class ChargesCheck {
  static final String NOT_AVAILABLE = "not available for this account";
  /** How every "asking again may answer" reason starts. */
  static final String COULD_NOT_READ = "could not be read now";

  private final ChargesSource source;
  private final SpendStore store;
  private final ZoneId zone;

  /** What a check found. */
  public sealed interface Outcome permits Compared, Unavailable {
    ChargePeriod period();
  }

  public record Compared(ChargePeriod period, ChargeReconciliation reconciliation) implements Outcome {}

  /** @param why one short phrase, safe to show ("not available for this account") */
  public record Unavailable(ChargePeriod period, String why) implements Outcome {}

  /**
   * @param source the provider's charges; null when the provider has none to give
   * @param zone the ledger's time zone
   */
  public ChargesCheck(ChargesSource source, SpendStore store, ZoneId zone) {
    this.source = source;
    this.store = requireNonNull(store, "store == null");
    this.zone = requireNonNull(zone, "zone == null");
  }

  /** Whether {@link #check} would answer now without asking the provider. */
  public boolean answersAtOnce(Instant now) {
    ChargePeriod period = ChargePeriod.completeDaysOfMonth(now, zone);
    return source == null || source.answersAtOnce(period.from(), period.until());
  }

  public Outcome check(Instant now) {
    ChargePeriod period = ChargePeriod.completeDaysOfMonth(now, zone);
    if (source == null) {
      return new Unavailable(period, "not reported by this provider");
    }
    VastCharges charges;
    try {
      charges = source.charges(period.from(), period.until());
    } catch (ProviderException failure) {
      return new Unavailable(period, describe(failure));
    }
    return new Compared(period, ChargeReconciliation.of(store.instanceSpend(period.first(), period.last()), charges));
  }

  private static String describe(ProviderException failure) {
    return notAvailable(failure) ? NOT_AVAILABLE : couldNotRead(failure);
  }

  /**
   * Whether the failure says the account may not read charges at all (403, or the 404 {@code
   * auth_error} Vast answers an account without them; a revoked key is 401), which asking again
   * will not change.
   */
  public static boolean notAvailable(ProviderException failure) {
    return failure.reason() == ProviderException.Reason.FORBIDDEN
        || failure.reason() == ProviderException.Reason.INVALID_KEY && failure.httpStatus() == 404;
  }

  private static String couldNotRead(ProviderException failure) {
    return COULD_NOT_READ + " (" + failure.getMessage() + ")";
  }
}
