package dev.vastbot.service.provision;

import dev.vastbot.fleet.BootOutcome;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.fleet.port.Pause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
/**
 * Follows new instances until each is running, has failed, or the deadline passes (Vast's own poll
 * loop). A failed poll of one instance is retried on the next round, not fatal.
 */
public final class InstanceWaiter {
  private static final List<String> ERROR_WORDS =
      List.of("error", "failed", "failure", "exception", "traceback", "oci runtime", "permission denied");

  private final GpuProvider provider;
  private final Clock clock;
  private final Pause pause;

  public InstanceWaiter(GpuProvider provider, Clock clock, Pause pause) {
    this.provider = provider;
    this.clock = clock;
    this.pause = pause;
  }

  /** Waits for all; the result keeps the order of {@code ids}. */
  public List<BootOutcome> awaitRunning(List<Long> ids, Duration timeout, Duration pollInterval)
      throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    Map<Long, BootOutcome> settled = new LinkedHashMap<>();
    Map<Long, Optional<Instance>> lastSeen = new LinkedHashMap<>();
    while (true) {
      for (long id : ids) {
        if (!settled.containsKey(id)) {
          Optional<Look> look = poll(id);
          look.flatMap(Look::seen).ifPresent(instance -> lastSeen.put(id, Optional.of(instance)));
          look.flatMap(Look::settled).ifPresent(outcome -> settled.put(id, outcome));
        }
      }
      if (settled.size() == ids.size()) {
        break;
      }
      if (!clock.instant().isBefore(deadline)) {
        break;
      }
      pause.pause(pollInterval);
    }
    return ids.stream()
        .map(id -> settled.getOrDefault(id,
            new BootOutcome(id, BootOutcome.Kind.TIMED_OUT, lastSeen.getOrDefault(id, Optional.empty()))))
        .toList();
  }

  /**
   * What one poll of an instance found: the instance as Vast lists it (empty: gone), and how its
   * boot ended (empty: not yet).
   */
  private record Look(Optional<Instance> seen, Optional<BootOutcome> settled) {}

  /** One poll of the instance; empty when it failed for now (retried on the next round). */
  private Optional<Look> poll(long id) {
    Optional<Instance> found;
    try {
      found = provider.findInstance(id);
    } catch (ProviderException e) {
      if (e.transientFailure()) {
        return Optional.empty();
      }
      throw e;
    }
    if (found.isEmpty()) {
      return Optional.of(new Look(found, Optional.of(new BootOutcome(id, BootOutcome.Kind.GONE, Optional.empty()))));
    }
    Instance instance = found.get();
    if (instance.state() == InstanceState.RUNNING) {
      return Optional.of(new Look(found, Optional.of(new BootOutcome(id, BootOutcome.Kind.RUNNING, found))));
    }
    if (instance.state().isTerminalForBoot() || reportsError(instance)) {
      return Optional.of(new Look(found, Optional.of(new BootOutcome(id, BootOutcome.Kind.FAILED, found))));
    }
    return Optional.of(new Look(found, Optional.empty()));
  }

  private static boolean reportsError(Instance instance) {
    if (instance.statusMessage() == null) {
      return false;
    }
    String message = instance.statusMessage().toLowerCase(Locale.ROOT);
    return ERROR_WORDS.stream().anyMatch(message::contains);
  }
}
