package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.rules.RuleLevels;
import org.tcplint.testing.CaptureBuilder;

/**
 * Zeek's history letters as its conn.log documents them: upper case for the originator, lower case
 * for the responder; a, d, i and q at most once per direction; f, h, r and s again only for another
 * sequence number; t and w logarithmically (the 1st, 10th, 100th, … time).
 */
class HistoryTest {
  @TempDir Path dir;

  private String history(CaptureBuilder b) throws Exception {
    Path f = Files.createTempFile(dir, "h", ".pcapng");
    Files.write(f, b.pcapng());
    FileResult r = new Checker(new RuleLevels()).check(f, f.toString());
    assertEquals(1, r.conversations().size());
    return r.conversations().get(0).history();
  }

  private static CaptureBuilder open() {
    return CaptureBuilder.tcp().c("S", 500, 0).s("SA", 9000, 501).c("A", 501, 9001).done();
  }

  /** The client's 100 bytes at 501, then {@code n} retransmissions of them. */
  private static CaptureBuilder retransmitted(int n) {
    CaptureBuilder b = open().c("PA", 501, 9001).len(100).done();
    for (int i = 0; i < n; i++) {
      b = b.c("PA", 501, 9001).len(100).done();
    }
    return b;
  }

  @Test
  void retransmissionsAreCountedOnALogScale() throws Exception {
    assertEquals("ShAD", history(retransmitted(0)));
    assertEquals("ShADT", history(retransmitted(1)));
    assertEquals("ShADT", history(retransmitted(9)));
    assertEquals("ShADTT", history(retransmitted(10)));
    assertEquals("ShADTT", history(retransmitted(99)));
    assertEquals("ShADTTT", history(retransmitted(100)));
  }

  @Test
  void zeroWindowsOfTheResponderAreLowerCaseOnALogScale() throws Exception {
    CaptureBuilder b = open();
    for (int i = 0; i < 10; i++) {
      b = b.s("A", 9001, 501).win(0).done();
    }
    assertEquals("ShAaww", history(b));
  }

  @Test
  void acksAndDataOnceFinsAgainOnlyAtAnotherPosition() throws Exception {
    CaptureBuilder b =
        open()
            .c("A", 501, 9001)
            .done()
            .c("PA", 501, 9001)
            .len(10)
            .done()
            .c("PA", 511, 9001)
            .len(10)
            .done()
            .c("FA", 521, 9001)
            .done()
            .c("FA", 521, 9001) // the same FIN again
            .done()
            .s("A", 9001, 522)
            .done()
            .s("FA", 9001, 522)
            .done()
            .c("A", 522, 9002)
            .done();
    assertEquals("ShADFaf", history(b));
    CaptureBuilder moved =
        open().c("FA", 501, 9001).done().c("FA", 511, 9001).done(); // a FIN at another position
    assertEquals("ShAFF", history(moved));
  }

  @Test
  void synAckAgainOnlyWithAnotherSequenceNumber() throws Exception {
    CaptureBuilder same =
        CaptureBuilder.tcp().c("S", 500, 0).s("SA", 9000, 501).s("SA", 9000, 501).done();
    assertEquals("Sh", history(same));
    CaptureBuilder other =
        CaptureBuilder.tcp().c("S", 500, 0).s("SA", 9000, 501).s("SA", 9100, 501).done();
    assertEquals("Shh", history(other));
  }

  // a history renewed for a later conversation is a new one: every field changed, reset, compared
  @Test
  void aResetHistoryIsANewOne() throws IllegalAccessException {
    History h = new History();
    for (java.lang.reflect.Field f : History.class.getDeclaredFields()) {
      if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      f.setAccessible(true);
      if (f.getType() == int.class) {
        f.setInt(h, 7);
      } else if (f.getType() == long.class) {
        f.setLong(h, 7);
      } else if (f.getType() == StringBuilder.class) {
        ((StringBuilder) f.get(h)).append("ShADad");
      } else {
        org.junit.jupiter.api.Assertions.fail("teach this test to change " + f.getName());
      }
    }
    h.reset();
    History fresh = new History();
    for (java.lang.reflect.Field f : History.class.getDeclaredFields()) {
      if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      f.setAccessible(true);
      Object a = f.get(h);
      Object b = f.get(fresh);
      assertEquals(b.toString(), a.toString(), f.getName());
    }
  }
}
