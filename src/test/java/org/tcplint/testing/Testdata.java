package org.tcplint.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The captures shipped in {@code testdata/}, written from code so that each one's content is
 * reviewable here. {@code TestdataTest} checks that the committed files equal this output; run
 * {@code main} to rewrite them.
 */
public final class Testdata {
  private Testdata() {}

  /** File name → bytes. */
  public static Map<String, byte[]> all() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    // The seed notes' own example (ERRATA.md): SYN seq 500 answered by ack 5001 instead of 501.
    m.put(
        "seed-wrong-synack-ack.pcapng",
        CaptureBuilder.tcp()
            .c("S", 500, 0)
            .win(1000)
            .mss(100)
            .s("SA", 9000, 5001)
            .win(1000)
            .mss(100)
            .c("A", 501, 9001)
            .win(1000)
            .pcapng());
    m.put(
        "clean-http.pcapng",
        CaptureBuilder.tcp()
            .c("S", 1000, 0)
            .mss(1460)
            .ws(7)
            .sackPerm()
            .s("SA", 5000, 1001)
            .mss(1460)
            .ws(7)
            .sackPerm()
            .c("A", 1001, 5001)
            .c("PA", 1001, 5001)
            .len(100)
            .s("A", 5001, 1101)
            .s("PA", 5001, 1101)
            .len(300)
            .c("A", 1101, 5301)
            .c("FA", 1101, 5301)
            .s("A", 5301, 1102)
            .s("FA", 5301, 1102)
            .c("A", 1102, 5302)
            .pcapng());
    return m;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "testdata");
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> e : all().entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue());
    }
  }
}
