package dev.vastbot.service.loop;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.port.LoopTask;
import dev.vastbot.fleet.work.KeepaliveReport;
import dev.vastbot.service.work.Keepalive;

/** The keepalive loop's tick: one automatic keepalive round, as the actor {@code loop:keepalive}. */
public final class KeepaliveTick implements LoopTask {
  private static final Actor LOOP = new Actor("loop:keepalive");
  private final Keepalive keepalive;

  public KeepaliveTick(Keepalive keepalive) {
    this.keepalive = keepalive;
  }

  /** @return how many were checked, restarted and are waiting, in one line */
  @Override
  public String tick() throws InterruptedException {
    KeepaliveReport report = keepalive.auto(LOOP, false);
    long restarted = report.restartedInstances().values().stream().filter(Keepalive.RUNNING_AGAIN::equals).count();
    return report.health().size() + " checked, " + restarted + " stopped instance(s) restarted, "
        + report.workerRestarts().size() + " worker restart(s), " + report.skipped().size() + " waiting";
  }
}
