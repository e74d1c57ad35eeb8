package dev.vastbot.testing;

import dev.vastbot.fleet.port.RemoteShell;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * A {@link RemoteShell} whose hosts answer only when the test lets them: while {@link #hold()}
 * holds, {@code runOnAll} tells its first host done at once and keeps the others until {@link
 * #release()} (at most 10 s), like a sweep over hung hosts. Every host is unreachable.
 */
public final class HeldShell implements RemoteShell {
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private final AtomicInteger sweeps = new AtomicInteger();

  /** From now on, sweeps wait for {@link #release()}. */
  public HeldShell hold() {
    gate = new CountDownLatch(1);
    return this;
  }

  public void release() {
    gate.countDown();
  }

  /** How many times {@code runOnAll} was called. */
  public int sweeps() {
    return sweeps.get();
  }

  @Override
  public ShellOutcome run(SshTarget target, String command, Duration deadline) {
    return ShellOutcome.failed(ShellOutcome.Failure.UNREACHABLE, "connection refused", Duration.ZERO);
  }

  @Override
  public Map<Long, ShellOutcome> runOnAll(List<SshTarget> targets, String command, Duration deadline) {
    return runOnAll(targets, command, deadline, id -> { });
  }

  @Override
  public Map<Long, ShellOutcome> runOnAll(List<SshTarget> targets, String command, Duration deadline,
      LongConsumer done) {
    sweeps.incrementAndGet();
    if (!targets.isEmpty()) {
      done.accept(targets.get(0).instanceId());
    }
    try {
      gate.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Map<Long, ShellOutcome> outcomes = new LinkedHashMap<>();
    targets.forEach(t -> outcomes.put(t.instanceId(), run(t, command, deadline)));
    return outcomes;
  }

  @Override
  public void close() {
    release();
  }
}
