package dev.vastbot.fleet.p2p;

import dev.vastbot.fleet.port.PeerDirectory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
/**
 * The Tailscale addresses running instances claim, judged. An address that distributed_hosts.yaml
 * gives to another host is rejected for the claimant; then an address two instances still claim
 * is rejected for both (neither is known to own it). Each rejection carries its reason (a person
 * looks; nothing is pushed), so a host cannot slip into other nodes' peer lists under someone
 * else's address.
 *
 * @param accepted instance id → its address
 * @param rejected instance id → why its claim was not accepted
 */
public record TailscaleClaims(Map<Long, String> accepted, Map<Long, String> rejected) {
  public TailscaleClaims {
    accepted = Map.copyOf(accepted);
    rejected = Map.copyOf(rejected);
  }

  /**
   * @param claimed instance id → the (in-range) address it reported
   * @param nodeNames instance id → node name
   */
  public static TailscaleClaims judge(Map<Long, String> claimed, Map<Long, String> nodeNames, PeerDirectory directory) {
    Set<String> onRecord = addresses(directory.peersFor(""));
    Map<Long, String> accepted = new LinkedHashMap<>();
    Map<Long, String> rejected = new LinkedHashMap<>();
    claimed.forEach((id, ip) -> {
      if (onRecord.contains(ip) && addresses(directory.peersFor(nodeNames.get(id))).contains(ip)) {
        rejected.put(id, "Tailscale IP " + ip + " belongs to another host in distributed_hosts.yaml:"
            + " clash, not pushed");
      } else {
        accepted.put(id, ip);
      }
    });
    Map<String, List<Long>> claimants = new LinkedHashMap<>();
    accepted.forEach((id, ip) -> claimants.computeIfAbsent(ip, k -> new ArrayList<>()).add(id));
    claimants.forEach((ip, ids) -> {
      if (ids.size() > 1) {
        ids.forEach(id -> {
          accepted.remove(id);
          rejected.put(id, "Tailscale IP " + ip + " is claimed by " + names(ids, nodeNames) + ": clash, not pushed");
        });
      }
    });
    return new TailscaleClaims(accepted, rejected);
  }

  private static Set<String> addresses(List<String> peers) {
    Set<String> hosts = new HashSet<>();
    for (String peer : peers) {
      int colon = peer.lastIndexOf(':');
      hosts.add(colon < 0 ? peer : peer.substring(0, colon));
    }
    return hosts;
  }

  private static String names(List<Long> ids, Map<Long, String> nodeNames) {
    return String.join(" and ", ids.stream().map(nodeNames::get).toList());
  }
}
