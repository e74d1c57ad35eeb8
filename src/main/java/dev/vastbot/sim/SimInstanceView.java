package dev.vastbot.sim;

import java.net.InetSocketAddress;

/**
 * A read-only snapshot of one simulated instance, for tests and the demo.
 *
 * @param actualStatus Vast's {@code actual_status}; null while provisioning
 * @param sshEndpoint where the instance's SSH answers while running (from the {@link
 *     HostAttachment}), else null
 * @param dphTotal $/h while running (GPU + storage)
 * @param charged USD billed to this instance so far
 */
public record SimInstanceView(
    long id,
    long offerId,
    long machineId,
    String label,
    String gpuName,
    int numGpus,
    String actualStatus,
    String intendedStatus,
    String curState,
    String nextState,
    String statusMsg,
    boolean isBid,
    double dphTotal,
    double charged,
    InetSocketAddress sshEndpoint) {}
