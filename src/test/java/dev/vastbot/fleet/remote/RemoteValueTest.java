package dev.vastbot.fleet.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteValueTest {
  /** Shell metacharacters, quotes, whitespace and control characters: never any kind of value. */
  private static final List<String> HOSTILE = List.of("", " ", "a b", "a'b", "a\"b", "$(id)", "`id`", "a;id",
      "a|id", "a&id", "a\nb", "a\tb", "a\\b", "a>b", "~root", "*", "a\u0000b", "100.70.1.2'; id > ~/owned; echo '");

  @Test
  void ipAddress_takesDottedQuadsAndIpv6Literals() {
    for (String ip : List.of("100.70.1.2", "0.0.0.0", "255.255.255.255", "::", "::1", "fd7a:115c:a1e0::1",
        "1:2:3:4:5:6:7:8", "1::", "::ffff:100.64.0.1", "FD7A:115C::AB")) {
      assertTrue(RemoteValue.IP_ADDRESS.accepts(ip), ip);
    }
  }

  @Test
  void ipAddress_refusesEverythingElse() {
    for (String ip : List.of("256.1.1.1", "100.70.1", "100.70.1.2.3", "100.70.01.2", "1.2.3.4.", "-1.2.3.4",
        "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "1::2::3", ":::1", "1:2", "12345::1", "g::1", "1.2.3.4::1",
        "fe80::1%eth0", "[::1]", "gpu-box-3")) {
      assertFalse(RemoteValue.IP_ADDRESS.accepts(ip), ip);
    }
    HOSTILE.forEach(value -> assertFalse(RemoteValue.IP_ADDRESS.accepts(value), value));
    assertFalse(RemoteValue.IP_ADDRESS.accepts(null));
  }

  @Test
  void hostName_followsRfc1123() {
    for (String host : List.of("gpu-box-3", "a", "ssh1.vast.ai", "3com.example", "x".repeat(63) + ".io")) {
      assertTrue(RemoteValue.HOST_NAME.accepts(host), host);
    }
    for (String host : List.of("-a", "a-", "a..b", ".a", "a.", "a_b", "x".repeat(64), "1.2.3.999",
        ("a".repeat(63) + ".").repeat(4) + "ab")) {
      assertFalse(RemoteValue.HOST_NAME.accepts(host), host);
    }
    HOSTILE.forEach(value -> assertFalse(RemoteValue.HOST_NAME.accepts(value), value));
  }

  @Test
  void port_isOneTo65535InDecimal() {
    List.of("1", "22", "8770", "65535").forEach(port -> assertTrue(RemoteValue.PORT.accepts(port), port));
    List.of("0", "65536", "08770", "-1", "+1", "8770 ", "99999999999", "0x10")
        .forEach(port -> assertFalse(RemoteValue.PORT.accepts(port), port));
    HOSTILE.forEach(value -> assertFalse(RemoteValue.PORT.accepts(value), value));
  }

  @Test
  void nodeId_isALetterOrDigitThenUpTo63Safe() {
    List.of("vast-12345678", "gpu_box.3", "A", "a".repeat(64))
        .forEach(id -> assertTrue(RemoteValue.NODE_ID.accepts(id), id));
    List.of("-vast", ".hidden", "a".repeat(65), "vast:1", "vast/1", "vast,1")
        .forEach(id -> assertFalse(RemoteValue.NODE_ID.accepts(id), id));
    HOSTILE.forEach(value -> assertFalse(RemoteValue.NODE_ID.accepts(value), value));
  }

  @Test
  void peerAddress_isAnIpOrHostNameAndAPort() {
    List.of("100.70.1.2:8770", "gpu-box-3:8771", "[fd7a:115c:a1e0::1]:8770")
        .forEach(peer -> assertTrue(RemoteValue.PEER_ADDRESS.accepts(peer), peer));
    List.of("100.70.1.2", "100.70.1.2:", "100.70.1.2:0", ":8770", "fd7a::1:8770", "[gpu-box]:8770",
            "256.0.0.1:8770", "a b:8770", "100.70.1.2:8770,100.70.1.3:8770")
        .forEach(peer -> assertFalse(RemoteValue.PEER_ADDRESS.accepts(peer), peer));
    HOSTILE.forEach(value -> assertFalse(RemoteValue.PEER_ADDRESS.accepts(value + ":8770"), value));
  }

  @Test
  void peerAddress_bracketsIpv6() {
    assertEquals("100.70.1.2:8770", RemoteValue.peerAddress("100.70.1.2", 8770));
    assertEquals("[fd7a::1]:8770", RemoteValue.peerAddress("fd7a::1", 8770));
    assertThrows(UnsafeValueException.class, () -> RemoteValue.peerAddress("a;b", 8770));
    assertThrows(UnsafeValueException.class, () -> RemoteValue.peerAddress("100.70.1.2", 0));
  }

  @Test
  void boardNameAndCount() {
    List.of("square8", "hex8", "square19", "my_board-2")
        .forEach(board -> assertTrue(RemoteValue.BOARD_NAME.accepts(board), board));
    List.of("square.8", "../x").forEach(board -> assertFalse(RemoteValue.BOARD_NAME.accepts(board), board));
    HOSTILE.forEach(value -> assertFalse(RemoteValue.BOARD_NAME.accepts(value), value));
    List.of("0", "1500", "2147483647").forEach(n -> assertTrue(RemoteValue.COUNT.accepts(n), n));
    List.of("-1", "01", "1.5", "1e3").forEach(n -> assertFalse(RemoteValue.COUNT.accepts(n), n));
    HOSTILE.forEach(value -> assertFalse(RemoteValue.COUNT.accepts(value), value));
  }

  @Test
  void require_returnsTheValue_orThrowsShowingItSafely() {
    assertEquals("vast-1", RemoteValue.NODE_ID.require("vast-1"));
    assertEquals("8770", RemoteValue.PORT.require(8770));

    var refused = assertThrows(UnsafeValueException.class, () -> RemoteValue.IP_ADDRESS.require("1.2.3.4\nFORGED"));
    assertEquals("'1.2.3.4\\x0aFORGED' is not an IP address", refused.getMessage());
    assertEquals("nothing is not a port (1-65535)", RemoteValue.PORT.complaint(null));
  }

  @Test
  void printable_escapesControlCharacters_andCapsTheLength() {
    assertEquals("a\\x0ab\\x0dc\\x1b[31m\\x7f\\u2028", RemoteValue.printable("a\nb\rc\u001b[31m\u007f\u2028"));
    assertEquals("x".repeat(80) + "…", RemoteValue.printable("x".repeat(200)));
    assertEquals("x".repeat(80), RemoteValue.printable("x".repeat(80)));
    assertEquals("ab…", RemoteValue.printable("abcdef", 2));
  }
}
