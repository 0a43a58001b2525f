package org.tcplint.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Flag letters (cli.md order S F R P A U E C N) and Wireshark's bracketed names. */
class TcpFlagsTest {
  @Test
  void lettersInDocumentedOrder() {
    assertEquals("SFRPAUECN", TcpFlags.letters(0x1FF));
    assertEquals("SFRPAUECN", TcpFlags.letters(0xFFF)); // reserved bits have no letter
    assertEquals("", TcpFlags.letters(0));
    assertEquals("", TcpFlags.letters(TcpFlags.RESERVED));
  }

  @Test
  void lettersOfCommonSegments() {
    assertEquals("S", TcpFlags.letters(TcpFlags.SYN));
    assertEquals("SA", TcpFlags.letters(TcpFlags.SYN | TcpFlags.ACK));
    assertEquals("FA", TcpFlags.letters(TcpFlags.FIN | TcpFlags.ACK));
    assertEquals("RA", TcpFlags.letters(TcpFlags.RST | TcpFlags.ACK));
    assertEquals("PA", TcpFlags.letters(TcpFlags.PSH | TcpFlags.ACK));
    assertEquals("AU", TcpFlags.letters(TcpFlags.URG | TcpFlags.ACK));
    // ECN setup SYN (RFC 3168 §6.1.1) and AccECN SYN (AE, CWR, ECE).
    assertEquals("SEC", TcpFlags.letters(TcpFlags.SYN | TcpFlags.ECE | TcpFlags.CWR));
    assertEquals(
        "SECN", TcpFlags.letters(TcpFlags.SYN | TcpFlags.ECE | TcpFlags.CWR | TcpFlags.AE));
  }

  @Test
  void eachLetter() {
    int[] bits = {0x002, 0x001, 0x004, 0x008, 0x010, 0x020, 0x040, 0x080, 0x100};
    String letters = "SFRPAUECN";
    for (int i = 0; i < bits.length; i++) {
      assertEquals(String.valueOf(letters.charAt(i)), TcpFlags.letters(bits[i]));
    }
  }

  @Test
  void bracketed() {
    assertEquals("[SYN]", TcpFlags.bracketed(TcpFlags.SYN));
    assertEquals("[SYN, ACK]", TcpFlags.bracketed(TcpFlags.SYN | TcpFlags.ACK));
    assertEquals("[FIN, PSH, ACK]", TcpFlags.bracketed(0x019));
    assertEquals("[RST]", TcpFlags.bracketed(TcpFlags.RST));
    assertEquals("[<None>]", TcpFlags.bracketed(0));
    assertEquals("[FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE]", TcpFlags.bracketed(0x1FF));
    assertEquals("[ACK, Reserved]", TcpFlags.bracketed(TcpFlags.ACK | 0x200));
    assertEquals("[Reserved]", TcpFlags.bracketed(0x800));
    assertEquals(
        "[FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE, Reserved]", TcpFlags.bracketed(0xFFF));
  }

  @Test
  void has() {
    assertTrue(TcpFlags.has(0x012, TcpFlags.SYN));
    assertTrue(TcpFlags.has(0x012, TcpFlags.ACK));
    assertFalse(TcpFlags.has(0x012, TcpFlags.FIN));
    assertTrue(TcpFlags.has(0x100, TcpFlags.AE));
  }
}
