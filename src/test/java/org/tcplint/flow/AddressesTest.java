package org.tcplint.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Address text as RFC 5952 §4 and §5 write it, from the RFC's rules, not from our output. */
class AddressesTest {
  private static String v6(String literal) throws Exception {
    return Addresses.text(InetAddress.getByName(literal));
  }

  @Test
  void ipv6IsWrittenTheRfc5952Way() throws Exception {
    assertEquals("2001:db8::1", v6("2001:0db8:0000:0000:0000:0000:0000:0001")); // §4.1, §4.2.1
    assertEquals("::1", v6("0:0:0:0:0:0:0:1"));
    assertEquals("::", v6("0:0:0:0:0:0:0:0"));
    assertEquals("2001:db8:0:1:1:1:1:1", v6("2001:db8:0:1:1:1:1:1")); // §4.2.2: one 0 group stays
    assertEquals("2001:0:0:1::1", v6("2001:0:0:1:0:0:0:1")); // §4.2.3: the longest run
    assertEquals("2001:db8::1:0:0:1", v6("2001:db8:0:0:1:0:0:1")); // §4.2.3: the first of two
    assertEquals("2001:db8::", v6("2001:db8:0:0:0:0:0:0"));
    assertEquals("1:0:1:0:1:0:1:0", v6("1:0:1:0:1:0:1:0"));
    assertEquals("fe80::abcd:ef01", v6("FE80:0:0:0:0:0:ABCD:EF01")); // §4.3: lower case
    assertEquals(
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", v6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xFF;
    mapped[11] = (byte) 0xFF;
    mapped[12] = (byte) 192;
    mapped[15] = 1;
    assertEquals("::ffff:192.0.0.1", Addresses.ipv6(mapped)); // §5
  }

  @Test
  void numbersAreWrittenInFull() {
    byte[] out = new byte[16];
    for (int v : new int[] {0, 7, 9, 10, 99, 100, 255, 65535, 1_000_000}) {
      int n = Addresses.decimal(out, 1, v);
      assertEquals(
          Integer.toString(v),
          new String(out, 1, n - 1, java.nio.charset.StandardCharsets.US_ASCII));
    }
    int n = Addresses.ipv4(out, 0, 0xC0000201);
    assertEquals("192.0.2.1", new String(out, 0, n, java.nio.charset.StandardCharsets.US_ASCII));
  }
}
