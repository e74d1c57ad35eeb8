package dev.vastbot.cli;

import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.config.HealthConfig;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.health.HostHealth;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.service.health.HealthSweep;
import dev.vastbot.service.termination.Terminator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code lifecycle --shutdown}: terminates one instance, or every idle one, through the safe path
 * (quiesce, sync, verify, destroy). From cron nobody can click Approve, so the run names the
 * approver who decided ({@code --approved-by}); the decision is checked like any other. Without
 * one (null), each termination is approved by the {@code health.unattended_idle_shutdown} policy,
 * which the caller checked the team configured.
 */
final class ShutdownRun {
  private final Terminator terminator;
  private final HealthSweep sweep;
  private final FleetSnapshots snapshots;
  private final Actor approver;
  private final boolean forceWithoutSync;
  private final int parallel;
  private final java.util.function.LongFunction<SyncProgressPrinter> progress;

  /**
   * @param sweep finds the idle instances, in the fleet {@code snapshots} hold
   * @param parallel how many terminations run side by side ({@code sync.parallel_terminations})
   */
  ShutdownRun(Terminator terminator, HealthSweep sweep, FleetSnapshots snapshots, Actor approver, boolean forceWithoutSync, int parallel,
      java.util.function.LongFunction<SyncProgressPrinter> progress) {
    this.terminator = terminator;
    this.sweep = sweep;
    this.snapshots = snapshots;
    this.approver = approver;
    this.forceWithoutSync = forceWithoutSync;
    this.parallel = parallel;
    this.progress = progress;
  }

  /** Every running instance whose GPUs have been idle for at least {@code window} (unreachable: busy). */
  List<Long> idleInstances(Duration window, Instant now) {
    List<Long> idle = new ArrayList<>();
    for (HostHealth host : sweep.sweep(snapshots.current().instances())) {
      host.idleSince().filter(since -> !since.plus(window).isAfter(now)).ifPresent(since -> idle.add(host.instance().id()));
    }
    return idle;
  }

  /**
   * Requests and approves a termination of each of {@code ids}, then carries them on side by side
   * ({@code sync.parallel_terminations} at a time), so one host that stalls its copy delays no
   * other; the reply has a row per instance, in the order given.
   */
  Reply terminate(List<Long> ids, String why) throws InterruptedException {
    List<Approved> approved = new ArrayList<>();
    for (long id : ids) {
      Operation operation = terminator.request(id, Actor.CLI, forceWithoutSync, why).operation();
      terminator.proceed(operation.id(), SyncProgress.NONE);
      var decided = approver == null
          ? terminator.approveByPolicy(operation.id(), HealthConfig.UNATTENDED_IDLE_SHUTDOWN)
          : terminator.decide(operation.id(), approver, ApprovalDecision.APPROVED);
      approved.add(new Approved(id, operation.id(), decided.counted(), decided.message()));
    }
    List<Operation> ended = carryOnSideBySide(terminator, approved);
    List<List<String>> rows = new ArrayList<>();
    boolean allDestroyed = true;
    for (int i = 0; i < approved.size(); i++) {
      Approved one = approved.get(i);
      Operation end = ended.get(i);
      boolean destroyed = end.state() == OperationState.SUCCEEDED;
      allDestroyed &= destroyed;
      rows.add(List.of("vast-" + one.instanceId(), Long.toString(end.id()), end.state().display(),
          one.counted() || destroyed ? end.detail() : "not approved: " + one.message()));
    }
    Reply reply = Reply.of(new Heading("Shutdown of " + ids.size() + " instance(s)"),
        new Table(List.of("instance", "termination", "state", "detail"), rows));
    return allDestroyed ? reply
        : reply.then(new Notice(Notice.Level.ERROR, "not every instance was destroyed; each kept one says why"));
  }

  /** One termination asked for and decided: whether the decision counted, and what it said. */
  private record Approved(long instanceId, long operationId, boolean counted, String message) {}

  /** Each termination on its own thread, at most {@code sync.parallel_terminations} at once; how each ended. */
  private List<Operation> carryOnSideBySide(Terminator terminator, List<Approved> approved)
      throws InterruptedException {
    int threads = Math.max(1, Math.min(approved.size(), parallel));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Operation>> running = new ArrayList<>();
      for (Approved one : approved) {
        running.add(pool.submit(() -> {
          SyncProgressPrinter printer = progress.apply(one.instanceId());
          Operation end = terminator.proceed(one.operationId(), printer);
          printer.finish();
          return end;
        }));
      }
      List<Operation> ended = new ArrayList<>();
      for (Future<Operation> one : running) {
        ended.add(outcome(one));
      }
      return ended;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Operation outcome(Future<Operation> running) throws InterruptedException {
    try {
      return running.get();
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause();
      throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
  }
}
