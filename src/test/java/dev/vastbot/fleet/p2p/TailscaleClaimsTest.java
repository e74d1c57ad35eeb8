package dev.vastbot.fleet.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.port.PeerDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
class TailscaleClaimsTest {
  private static final Map<Long, String> NAMES = Map.of(1L, "vast-1", 2L, "vast-2", 3L, "vast-3");

  @Test
  void anAddressTwoInstancesClaim_isAClash_forBoth_andOthersAreAccepted() {
    Map<Long, String> claimed = new LinkedHashMap<>();
    claimed.put(1L, "100.64.0.1");
    claimed.put(2L, "100.64.0.2");
    claimed.put(3L, "100.64.0.1");
    var claims = TailscaleClaims.judge(claimed, NAMES, node -> List.of());
    assertEquals(Map.of(2L, "100.64.0.2"), claims.accepted());
    assertTrue(claims.rejected().get(3L).contains("claimed by vast-1 and vast-3"), claims.rejected().toString());
    assertTrue(claims.rejected().containsKey(1L));
  }

  @Test
  void aHostClaimingAnAddressOnRecordForAnother_isRejected_andTheOwnerKeepsIt() {
    PeerDirectory directory = node -> node.equals("vast-2") ? List.of() : List.of("100.64.0.2:8770");
    Map<Long, String> claimed = new LinkedHashMap<>();
    claimed.put(1L, "100.64.0.2");
    claimed.put(2L, "100.64.0.2");
    var claims = TailscaleClaims.judge(claimed, NAMES, directory);
    assertEquals(Map.of(2L, "100.64.0.2"), claims.accepted());
    assertTrue(claims.rejected().get(1L).contains("another host"), claims.rejected().toString());
  }

  @Test
  void anAddressTheHostsFileGivesToAnotherHost_isRejected_butAnInstancesOwnRecordIsFine() {
    PeerDirectory directory = node -> node.equals("vast-1")
        ? List.of("100.100.1.1:8770") : List.of("100.100.1.1:8770", "100.64.0.1:8770");
    Map<Long, String> claimed = new LinkedHashMap<>();
    claimed.put(1L, "100.64.0.1");
    claimed.put(2L, "100.100.1.1");
    var claims = TailscaleClaims.judge(claimed, NAMES, directory);
    assertEquals(Map.of(1L, "100.64.0.1"), claims.accepted());
    assertTrue(claims.rejected().get(2L).contains("another host in distributed_hosts.yaml"));
  }
}
