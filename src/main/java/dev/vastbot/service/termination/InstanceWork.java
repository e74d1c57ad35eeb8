package dev.vastbot.service.termination;

import dev.vastbot.service.p2p.P2pNetwork;
import dev.vastbot.service.work.WorkerControl;
import java.util.Objects;

/**
 * The work running on an instance that a termination stops before it copies the data (so the copy
 * is of files nobody writes), and starts again when the instance is kept after all: the self-play
 * workers and the P2P orchestrator.
 *
 * @param workers the self-play workers; never null
 * @param network the P2P orchestrator on each node; never null
 */
public record InstanceWork(WorkerControl workers, P2pNetwork network) {
  public InstanceWork {
    Objects.requireNonNull(workers, "workers");
    Objects.requireNonNull(network, "network");
  }
}
