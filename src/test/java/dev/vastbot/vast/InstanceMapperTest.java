package dev.vastbot.vast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastbot.fleet.HostPort;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import org.junit.jupiter.api.Test;

class InstanceMapperTest {
  private final ObjectMapper json = new ObjectMapper();

  private Instance map(String body) throws Exception {
    return InstanceMapper.toInstance(json.readTree(body));
  }

  @Test
  void unknownStatus_isUnknown_andShownVerbatim() throws Exception {
    Instance instance = map("{\"id\":5,\"actual_status\":\"hibernating\"}");
    assertEquals(InstanceState.UNKNOWN, instance.state());
    assertEquals("unknown (hibernating)", instance.displayStatus());
  }

  @Test
  void nullStatus_isProvisioning() throws Exception {
    assertEquals(InstanceState.PROVISIONING, map("{\"id\":5,\"actual_status\":null}").state());
  }

  @Test
  void directPort_isPreferred_andPublicIpIsStripped() throws Exception {
    Instance instance = map("{\"id\":5,\"public_ipaddr\":\"127.0.0.9 \",\"ssh_host\":\"127.0.0.1\","
        + "\"ssh_port\":2000,\"ports\":{\"22/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"41022\"}]}}");
    assertEquals(new HostPort("127.0.0.9", 41022), instance.sshAddress().orElseThrow());
  }

  @Test
  void jupyterProxyPort_isSshPortPlusOne() throws Exception {
    Instance instance = map("{\"id\":5,\"ssh_host\":\"127.0.0.1\",\"ssh_port\":2000,"
        + "\"image_runtype\":\"jupyter_proxy ssh_proxy\"}");
    assertEquals(new HostPort("127.0.0.1", 2001), instance.sshAddress().orElseThrow());
  }

  @Test
  void outbid_isThreeStoppedStates_andStorageCostIsDerived() throws Exception {
    Instance instance = map("{\"id\":5,\"actual_status\":\"stopped\",\"intended_status\":\"stopped\","
        + "\"cur_state\":\"stopped\",\"next_state\":\"stopped\",\"storage_cost\":0.144,\"disk_space\":50,"
        + "\"is_bid\":true}");
    assertTrue(instance.outbid());
    assertEquals(0.01, instance.storageDph(), 1e-9);
  }
}
