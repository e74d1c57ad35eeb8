package dev.vastbot.cli;

import dev.vastbot.app.Vastbot;
import dev.vastbot.app.config.HealthConfig;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.health.HostHealth;
import dev.vastbot.fleet.sync.SyncProgress;
import dev.vastbot.fleet.termination.Terminator;
import dev.vastbot.fleet.view.Heading;
import dev.vastbot.fleet.view.Notice;
import dev.vastbot.fleet.view.Reply;
import dev.vastbot.fleet.view.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lifecycle --shutdown}: terminates one instance, or every idle one, through the safe path
 * (quiesce, sync, verify, destroy). From cron nobody can click Approve, so the run names the
 * approver who decided ({@code --approved-by}); the decision is checked like any other. Without
 * one (null), each termination is approved by the {@code health.unattended_idle_shutdown} policy,
 * which the caller checked the team configured.
 */
final class ShutdownRun {
  private final Vastbot bot;
  private final Actor approver;
  private final boolean forceWithoutSync;
  private final java.util.function.LongFunction<SyncProgressPrinter> progress;

  ShutdownRun(Vastbot bot, Actor approver, boolean forceWithoutSync,
      java.util.function.LongFunction<SyncProgressPrinter> progress) {
    this.bot = bot;
    this.approver = approver;
    this.forceWithoutSync = forceWithoutSync;
    this.progress = progress;
  }

  /** Every running instance whose GPUs have been idle for at least {@code window} (unreachable: busy). */
  List<Long> idleInstances(Duration window, Instant now) {
    List<Long> idle = new ArrayList<>();
    for (HostHealth host : bot.healthSweep().sweep(bot.snapshots().current().instances())) {
      host.idleSince().filter(since -> !since.plus(window).isAfter(now)).ifPresent(since -> idle.add(host.instance().id()));
    }
    return idle;
  }

  Reply terminate(List<Long> ids, String why) throws InterruptedException {
    Terminator terminator = bot.terminator();
    List<List<String>> rows = new ArrayList<>();
    boolean allDestroyed = true;
    for (long id : ids) {
      Operation operation = terminator.request(id, Actor.CLI, forceWithoutSync, why).operation();
      terminator.proceed(operation.id(), SyncProgress.NONE);
      var decided = approver == null
          ? terminator.approveByPolicy(operation.id(), HealthConfig.UNATTENDED_IDLE_SHUTDOWN)
          : terminator.decide(operation.id(), approver, ApprovalDecision.APPROVED);
      SyncProgressPrinter printer = progress.apply(id);
      Operation ended = terminator.proceed(operation.id(), printer);
      printer.finish();
      boolean destroyed = ended.state() == OperationState.SUCCEEDED;
      allDestroyed &= destroyed;
      rows.add(List.of("vast-" + id, Long.toString(ended.id()), ended.state().display(),
          decided.counted() || destroyed ? ended.detail() : "not approved: " + decided.message()));
    }
    Reply reply = Reply.of(new Heading("Shutdown of " + ids.size() + " instance(s)"),
        new Table(List.of("instance", "termination", "state", "detail"), rows));
    return allDestroyed ? reply
        : reply.then(new Notice(Notice.Level.ERROR, "not every instance was destroyed; each kept one says why"));
  }
}
