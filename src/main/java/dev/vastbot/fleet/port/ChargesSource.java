package dev.vastbot.fleet.port;

import dev.vastbot.fleet.cost.VastCharges;
import java.time.Instant;
/**
 * Port: the provider's own record of what it charged (Vast's {@code GET /api/v0/charges/}). Kept
 * apart from {@link dev.vastbot.fleet.port.GpuProvider} because only the real client and the
 * reconciliation need it; the provider's many decorators and test doubles do not.
 */
public interface ChargesSource {

  /**
   * The instance charges from {@code from} to {@code until}, every page.
   *
   * @throws dev.vastbot.fleet.ProviderException as the provider calls do; {@code FORBIDDEN} or
   *     {@code INVALID_KEY} when the account (or the key's scope) may not read charges
   */
  VastCharges charges(Instant from, Instant until);

  /**
   * Whether {@link #charges} would answer for this span without asking the provider (a cache
   * holds the answer, or the refusal). The default: it would always ask.
   */
  default boolean answersAtOnce(Instant from, Instant until) {
    return false;
  }
}
