package dev.vastbot.fleet.work;

/**
 * What restarting one instance's workers did.
 *
 * @param board the workload started
 * @param workersAfter workers running afterwards, or -1 when unknown
 * @param codeSync what the code sync printed or why it failed (empty when not configured)
 * @param problem why the restart failed, or null
 */
public record WorkerRestart(long instanceId, String board, int workersAfter, String codeSync, String problem) {
  public boolean succeeded() {
    return problem == null && workersAfter > 0;
  }
}
