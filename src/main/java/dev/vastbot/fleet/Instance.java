package dev.vastbot.fleet;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One rented instance as the provider reports it. Immutable; a fresh value is read on every tick.
 *
 * @param rawStatus Vast's {@code actual_status} verbatim (may be null), shown when {@code state} is
 *     UNKNOWN
 * @param dphTotal what the instance costs per hour while running (GPU + storage), USD
 * @param storageDph what it costs per hour while it exists but is not running, USD
 * @param directSsh {@code public_ipaddr} + {@code ports["22/tcp"]}, when Vast reports it
 * @param proxySsh {@code ssh_host:ssh_port} (+1 for jupyter runtypes), when Vast reports it
 */
public record Instance(
    long id,
    String label,
    String gpuName,
    int numGpus,
    InstanceState state,
    String rawStatus,
    String intendedStatus,
    String curState,
    String nextState,
    String statusMessage,
    double dphTotal,
    double storageDph,
    double diskGb,
    boolean bid,
    HostPort directSsh,
    HostPort proxySsh,
    Instant startedAt) {

  public Instance {
    Objects.requireNonNull(state, "state");
    gpuName = gpuName == null ? "" : gpuName;
  }

  /** Where to SSH: the direct port when there is one (faster), else Vast's proxy (VAST_API §6). */
  public Optional<HostPort> sshAddress() {
    return Optional.ofNullable(directSsh != null ? directSsh : proxySsh);
  }

  /**
   * An interruptible instance that lost its GPU to a higher bid: all three contract states read
   * {@code stopped} (dstack's rule, VAST_API §4.6).
   */
  public boolean outbid() {
    return "stopped".equals(intendedStatus)
        && "stopped".equals(curState)
        && "stopped".equals(nextState);
  }

  /** The status to show a person: our state, plus the raw value when we did not recognise it. */
  public String displayStatus() {
    if (state == InstanceState.UNKNOWN && rawStatus != null && !"unknown".equalsIgnoreCase(rawStatus)) {
      return "unknown (" + rawStatus + ")";
    }
    return state.display();
  }

  /** The node name the cluster knows this instance by. */
  public String nodeName() {
    return "vast-" + id;
  }
}
