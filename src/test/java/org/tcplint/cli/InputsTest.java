package org.tcplint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InputsTest {
  @Test
  void captureNamesInADirectoryAreRecognisedByExtension() {
    String[] yes = {
      "a.pcap",
      "a.pcapng",
      "a.cap",
      "a.ntar",
      "A.PCAPNG",
      "x.y.pcap.gz",
      "b.pcapng.xz",
      "c.cap.zst",
      ".pcap",
      "dir/name with space.pcapng"
    };
    String[] no = {
      "a.txt", "a.pcap.bz2", "a.gz", "a.pcapng.gz.gz", "pcap", "a.pcapngx", "a.pcap.gz.txt", "apcap"
    };
    for (String n : yes) {
      assertEquals(true, Inputs.looksLikeCapture(Path.of(n)), n);
    }
    for (String n : no) {
      assertEquals(false, Inputs.looksLikeCapture(Path.of(n)), n);
    }
  }

  @Test
  void theMessageForAnEmptyDirectoryListsTheSameNames() {
    assertEquals("*.pcap, *.pcapng, *.cap, *.ntar, optionally .gz/.xz/.zst", Inputs.LOOKED_FOR);
  }
}
