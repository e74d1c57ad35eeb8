package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

/**
 * Where a group's demand (queued and pending work, in games) is read from. The decider only sees
 * the number; reading it is the observer's job.
 *
 * @param source which kind of signal
 * @param target the URL, command or file; empty for {@link Source#P2P_STATUS} (hosts come from
 *     {@code distributed_hosts.yaml})
 * @param jsonPointer where the number sits in the JSON answer ({@link Source#HTTP_JSON}), else
 *     empty
 */
public record DemandSignal(Source source, String target, String jsonPointer) {

  /** The kinds of demand signal. */
  public enum Source {
    /**
     * The P2P orchestrators' {@code /status}: self-play jobs and pending work, as the old script.
     */
    P2P_STATUS,
    /** An HTTP GET answering JSON; the number at {@code jsonPointer}. */
    HTTP_JSON,
    /** A command run on the coordinator, printing one number. */
    COMMAND,
    /** A file holding one number. */
    FILE
  }

  public DemandSignal {
    requireNonNull(source, "source == null");
    requireNonNull(target, "target == null");
    requireNonNull(jsonPointer, "jsonPointer == null");
  }

  /** The default: the P2P orchestrators' status. */
  public static DemandSignal p2pStatus() {
    return new DemandSignal(Source.P2P_STATUS, "", "");
  }
}
