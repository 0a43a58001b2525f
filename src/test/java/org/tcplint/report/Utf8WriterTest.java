package org.tcplint.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The report writer's bytes equal those of the JDK's UTF-8 writer, whatever the call pattern. */
class Utf8WriterTest {
  private interface Calls {
    void on(Writer w) throws IOException;
  }

  private static void same(Calls calls) throws IOException {
    ByteArrayOutputStream jdk = new ByteArrayOutputStream();
    try (Writer w = new OutputStreamWriter(jdk, StandardCharsets.UTF_8)) {
      calls.on(w);
    }
    ByteArrayOutputStream ours = new ByteArrayOutputStream();
    try (Writer w = new Utf8Writer(ours)) {
      calls.on(w);
    }
    assertArrayEquals(jdk.toByteArray(), ours.toByteArray());
  }

  @Test
  void asciiAndEveryEncodedLength() throws IOException {
    same(w -> w.write("plain ascii {\"a\": 1}\n"));
    same(w -> w.write("é ß 漢字 \uD83D\uDE00 \u007f \u0080 \u07ff \u0800 \uffff"));
    same(w -> w.write(new char[0]));
  }

  @Test
  void surrogatePairsSplitAcrossCallsAndUnpairedOnes() throws IOException {
    same(
        w -> {
          w.write('\uD83D');
          w.write('\uDE00');
          w.write("x\uD83D");
          w.write("\uDE00y");
        });
    same(w -> w.write("lone high \uD83D then text, lone low \uDE00 end"));
    same(w -> w.write("ends with a high surrogate \uD83D"));
  }

  @Test
  void randomTextInRandomPiecesBeyondTheBuffer() throws IOException {
    Random r = new Random(5);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 300_000; i++) {
      int k = r.nextInt(100);
      sb.append(
          k < 85
              ? (char) (0x20 + r.nextInt(0x5f))
              : k < 92 ? (char) (0x80 + r.nextInt(0x700)) : k < 97 ? '漢' : "\uD83D\uDE00");
    }
    String text = sb.toString();
    same(
        w -> {
          Random cut = new Random(6);
          int i = 0;
          while (i < text.length()) {
            int len = Math.min(text.length() - i, 1 + cut.nextInt(100_000));
            switch (cut.nextInt(3)) {
              case 0 -> w.write(text, i, len);
              case 1 -> w.write(text.substring(i, i + len).toCharArray());
              default -> {
                for (int j = i; j < i + Math.min(len, 50); j++) {
                  w.write(text.charAt(j));
                }
                len = Math.min(len, 50);
              }
            }
            i += len;
          }
        });
  }
}
