package org.tcplint.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tcplint.decode.TcpFlags;
import org.tcplint.testing.Cli;
import org.tcplint.testing.SharedCaptures;

/**
 * {@code tcplint packets -f json}, as users run it, against tshark's oracle: every TCP frame of
 * every corpus capture has a JSON line with tshark's frame number, stream, ports, raw seq/ack,
 * flags, TCP length and window (malformed TCP headers: the fields tshark could read).
 */
class PacketsJsonTest {
  static int flags(String letters) {
    int f = 0;
    for (char ch : letters.toCharArray()) {
      f |=
          switch (ch) {
            case 'S' -> TcpFlags.SYN;
            case 'F' -> TcpFlags.FIN;
            case 'R' -> TcpFlags.RST;
            case 'P' -> TcpFlags.PSH;
            case 'A' -> TcpFlags.ACK;
            case 'U' -> TcpFlags.URG;
            case 'E' -> TcpFlags.ECE;
            case 'C' -> TcpFlags.CWR;
            case 'N' -> TcpFlags.AE;
            default -> throw new IllegalArgumentException("flag " + ch);
          };
    }
    return f;
  }

  @TestFactory
  Stream<DynamicTest> packetsJsonAgreesWithTshark() {
    List<Path> captures = SharedCaptures.all();
    return captures.stream()
        .filter(c -> Files.exists(Path.of(c + ".tshark.tsv")))
        .map(
            c ->
                DynamicTest.dynamicTest(
                    SharedCaptures.name(c),
                    () -> {
                      Map<Long, JsonObject> lines = new HashMap<>();
                      for (String l : Cli.run("packets", "-f", "json", c.toString()).split("\n")) {
                        if (!l.isBlank()) {
                          JsonObject o = JsonParser.parseString(l).getAsJsonObject();
                          lines.put(o.get("frame").getAsLong(), o);
                        }
                      }
                      List<String[]> frames = SharedCaptures.tsv(Path.of(c + ".frames.tsv"));
                      for (String[] x : SharedCaptures.tsv(Path.of(c + ".tshark.tsv"))) {
                        long n = Long.parseLong(x[0]);
                        if (frames.get((int) n - 1)[6].contains("icmp")) {
                          continue; // a TCP header quoted inside an ICMP error
                        }
                        JsonObject o = lines.get(n);
                        String where = SharedCaptures.name(c) + " frame " + n;
                        assertTrue(o != null, where + ": no JSON line");
                        if (!x[4].isEmpty()) {
                          assertEquals(Integer.parseInt(x[4]), o.get("srcPort").getAsInt(), where);
                          assertEquals(Integer.parseInt(x[7]), o.get("dstPort").getAsInt(), where);
                        }
                        if (o.has("malformed")) {
                          continue; // tshark shows no tcp.len for these; the test of the reader
                          // covers them
                        }
                        assertEquals(
                            Integer.parseInt(x[1]), o.get("stream").getAsInt(), where + " stream");
                        assertEquals(
                            Long.parseLong(x[9]), o.get("seq").getAsLong(), where + " seq");
                        assertEquals(
                            Long.parseLong(x[10]), o.get("ack").getAsLong(), where + " ack");
                        int reserved = o.has("reserved") ? o.get("reserved").getAsInt() << 9 : 0;
                        assertEquals(
                            TsharkDifferentialTest.flags(x[8]),
                            flags(o.get("flags").getAsString()) | reserved,
                            where + " flags " + x[8]);
                        assertEquals(
                            Integer.parseInt(x[11]), o.get("len").getAsInt(), where + " len");
                        assertEquals(
                            Integer.parseInt(x[12]), o.get("window").getAsInt(), where + " window");
                      }
                    }));
  }
}
