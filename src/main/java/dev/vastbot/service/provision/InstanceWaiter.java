package dev.vastbot.service.provision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.vastbot.fleet.BootOutcome;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.fleet.port.Pause;
/**
 * Follows new instances until each is running, has failed, or the deadline passes (Vast's own poll
 * loop, VAST_API §4.6). A failed poll of one instance is retried on the next round, not fatal.
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
          poll(id, settled, lastSeen);
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

  private void poll(long id, Map<Long, BootOutcome> settled, Map<Long, Optional<Instance>> lastSeen) {
    Optional<Instance> found;
    try {
      found = provider.findInstance(id);
    } catch (ProviderException e) {
      if (e.transientFailure()) {
        return;
      }
      throw e;
    }
    if (found.isEmpty()) {
      settled.put(id, new BootOutcome(id, BootOutcome.Kind.GONE, Optional.empty()));
      return;
    }
    Instance instance = found.get();
    lastSeen.put(id, found);
    if (instance.state() == InstanceState.RUNNING) {
      settled.put(id, new BootOutcome(id, BootOutcome.Kind.RUNNING, found));
    } else if (instance.state().isTerminalForBoot() || reportsError(instance)) {
      settled.put(id, new BootOutcome(id, BootOutcome.Kind.FAILED, found));
    }
  }

  private static boolean reportsError(Instance instance) {
    if (instance.statusMessage() == null) {
      return false;
    }
    String message = instance.statusMessage().toLowerCase(Locale.ROOT);
    return ERROR_WORDS.stream().anyMatch(message::contains);
  }
}
