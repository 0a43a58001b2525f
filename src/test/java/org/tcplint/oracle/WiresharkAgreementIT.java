package org.tcplint.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tcplint.check.Checker;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleLevels;
import org.tcplint.testing.SharedCaptures;

/**
 * Runs tshark on every TCP capture of the shared corpus and compares, frame by frame, its {@code
 * tcp.analysis} flags with tcplint's data-phase classes: at least 95 % agreement per flag, where
 * every frame on which the two deliberately differ is explained by a reason from the RFC (rules.md
 * clarifications 12–15). The measured table and the deliberate disagreements are written to {@code
 * docs/wireshark.md}, which must match ({@code -Dwireshark.update=true} rewrites it).
 */
class WiresharkAgreementIT {
  /** Wireshark flag → the tcplint rules whose finding on the same frame means the same class. */
  static final Map<String, Set<String>> FLAGS = new LinkedHashMap<>();

  static {
    FLAGS.put(
        "retransmission",
        Set.of(
            "seq.retransmission",
            "handshake.syn-retransmission",
            "handshake.synack-after-established"));
    FLAGS.put("out_of_order", Set.of("seq.out-of-order"));
    FLAGS.put("fast_retransmission", Set.of("seq.fast-retransmission"));
    FLAGS.put("spurious_retransmission", Set.of("seq.spurious-retransmission"));
    FLAGS.put("window_update", Set.of("win.update"));
    FLAGS.put("duplicate_ack", Set.of("seq.dup-ack"));
    FLAGS.put("lost_segment", Set.of("seq.gap"));
    FLAGS.put("ack_lost_segment", Set.of("seq.ack-unseen"));
    FLAGS.put("keep_alive", Set.of("ka.keepalive"));
    FLAGS.put("keep_alive_ack", Set.of("ka.keepalive-ack"));
    FLAGS.put("zero_window", Set.of("win.zero-window"));
    FLAGS.put("zero_window_probe", Set.of("win.zero-window-probe"));
    FLAGS.put("zero_window_probe_ack", Set.of("win.zero-window-probe-ack"));
    FLAGS.put("window_full", Set.of("win.full"));
  }

  /** The reasons tcplint differs from tshark on purpose, by key. */
  static final Map<String, String> REASONS = new LinkedHashMap<>();

  static {
    REASONS.put(
        "capture-duplicate",
        "The frame is a capture duplicate: the same IP and TCP header and checksum as the frame"
            + " before it, less than 1 ms later (rules.md clarification 15). The stack sent it once;"
            + " Wireshark, which has no notion of capture duplicates, calls the copies"
            + " retransmissions and duplicate ACKs. tcplint counts them once per conversation"
            + " (`capture.duplicate`) and analyses only the original.");
  }

  static {
    REASONS.put(
        "bytes-captured-before",
        "Wireshark calls a segment below the sender's highest sequence number out of order when it"
            + " arrives within the reordering time, even when its bytes were captured before."
            + " tcplint keeps the holes of each direction: a segment whose bytes were all captured"
            + " before is sent twice, a retransmission (`seq.retransmission`, fast or spurious);"
            + " only one that fills a hole is `seq.out-of-order` (rules.md clarification 12).");
    REASONS.put(
        "fast-without-duplicate-acks",
        "Wireshark marks a retransmission fast when the receiver's duplicate-ACK counter reads 2 or"
            + " more; after an ACKed-unseen warning it sets that counter to -1, which its unsigned"
            + " comparison reads as 2^32 − 1, so FINs re-sent after such an ACK count as fast"
            + " retransmissions with no duplicate ACK captured. RFC 5681 §3.2 starts a fast"
            + " retransmit only after duplicate ACKs; tcplint counts the duplicate ACKs the"
            + " capture shows (clarification 12) and reports `seq.retransmission`.");
    REASONS.put(
        "rst-acknowledgment",
        "Wireshark takes the acknowledgment number of a RST as the receiver's latest ack. RFC 9293"
            + " §3.10.7.4 checks the RST bit before the ACK field: a RST acknowledges nothing. tcplint"
            + " reports a RST acknowledging data never sent as `rst.invalid-ack`, not as a lost"
            + " segment, and does not let it make later copies spurious.");
    REASONS.put(
        "acknowledged-bytes-captured",
        "Wireshark remembers only the end of the contiguous data it has seen; once a hole opened, an"
            + " ACK beyond that mark is \"ACKed unseen\" even when the hole's bytes arrived later."
            + " tcplint keeps every hole (clarification 13): every byte this ACK acknowledges was"
            + " captured, so there is nothing unseen.");
    REASONS.put(
        "unseen-bytes",
        "The ACK acknowledges bytes the capture never saw, so tcplint reports `seq.ack-unseen`"
            + " (clarification 13). Wireshark stays silent: its contiguous-data mark had already"
            + " jumped past the hole with an earlier ACK, or its once-per-hole counter suppressed"
            + " the warning.");
    REASONS.put(
        "handshake-seq",
        "The sequence jump is on the handshake ACK, whose seq RFC 9293 §3.4 fixes at ISN + 1:"
            + " tcplint reports `handshake.ack-wrong-seq`, the most specific finding for that fact"
            + " (rules.md clarification 1), not a capture gap.");
    REASONS.put(
        "new-isn",
        "A side's first SYN-ACK sets its ISN. Wireshark compares it (and the ACK answering it) with"
            + " the numbers of RST or FIN segments the same side sent before, which the receiver"
            + " ignored in SYN-SENT (RFC 9293 §3.10.7.3), and reports bytes missing. tcplint starts"
            + " that side's sequence space at the SYN-ACK; numbers of ignored segments change"
            + " nothing (rules.md clarification 14).");
    REASONS.put(
        "first-segment-of-a-direction",
        "Wireshark compares the first segment of a direction with its initial state (window"
            + " 0xFFFFFFFF, seq and ack 0) and calls a segment with seq 0 and ack 0 a window update;"
            + " a direction that never advertised a window cannot update it.");
  }

  /** The rule whose {@code explain} carries each reason (wireshark-notes.tsv). */
  static final Map<String, String> EXPLAINED_BY =
      Map.of(
          "capture-duplicate", "capture.duplicate",
          "bytes-captured-before", "seq.out-of-order",
          "fast-without-duplicate-acks", "seq.fast-retransmission",
          "rst-acknowledgment", "seq.spurious-retransmission",
          "acknowledged-bytes-captured", "seq.ack-unseen",
          "unseen-bytes", "seq.ack-unseen",
          "handshake-seq", "seq.gap",
          "new-isn", "seq.gap",
          "first-segment-of-a-direction", "win.update");

  @Test
  void everyDeliberateDifferenceIsExplained() {
    assertEquals(REASONS.keySet(), EXPLAINED_BY.keySet());
    for (String rule : EXPLAINED_BY.values()) {
      assertTrue(
          org.tcplint.rules.Catalog.wiresharkNote(rule) != null,
          rule + " has no wireshark-notes.tsv entry");
    }
  }

  /** Why tcplint differs from tshark on one frame and flag, or null (a real disagreement). */
  static String reason(
      String flag,
      boolean tsharkSays,
      Set<String> theirs,
      Set<String> ours,
      List<Finding> findings,
      boolean duplicate,
      boolean firstOfDirection,
      boolean synAckOrItsAnswer,
      boolean afterRstAck) {
    if (duplicate) {
      return "capture-duplicate";
    }
    if (flag.equals("lost_segment") && tsharkSays && ours.contains("handshake.ack-wrong-seq")) {
      return "handshake-seq";
    }
    if (tsharkSays
        && synAckOrItsAnswer
        && (flag.equals("lost_segment") || flag.equals("ack_lost_segment"))) {
      return "new-isn";
    }
    boolean retx =
        ours.contains("seq.retransmission")
            || ours.contains("seq.fast-retransmission")
            || ours.contains("seq.spurious-retransmission");
    if (theirs.contains("out_of_order") && retx) {
      return "bytes-captured-before";
    }
    if (theirs.contains("fast_retransmission") && ours.contains("seq.retransmission")) {
      return "fast-without-duplicate-acks";
    }
    if (flag.equals("ack_lost_segment") && tsharkSays && ours.contains("rst.invalid-ack")) {
      return "rst-acknowledgment";
    }
    if (theirs.contains("spurious_retransmission")
        && ours.contains("seq.retransmission")
        && afterRstAck) {
      return "rst-acknowledgment";
    }
    if (flag.equals("ack_lost_segment") && tsharkSays && !ours.contains("seq.ack-unsent-data")) {
      return "acknowledged-bytes-captured";
    }
    if (flag.equals("ack_lost_segment") && !tsharkSays && ours.contains("seq.ack-unseen")) {
      return "unseen-bytes";
    }
    if (flag.equals("window_update") && tsharkSays && firstOfDirection) {
      return "first-segment-of-a-direction";
    }
    return null;
  }

  record Frame(String capture, long frame) {}

  @Test
  void tcplintAgreesWithTsharkOnEveryFlag() throws Exception {
    Path root = SharedCaptures.root();
    List<Path> captures = new ArrayList<>();
    for (Path p : SharedCaptures.all()) {
      Path oracle = Path.of(p + ".tshark.tsv");
      if (Files.exists(oracle) && !SharedCaptures.tsv(oracle).isEmpty()) {
        captures.add(p);
      }
    }
    assertTrue(captures.size() >= 100, "TCP captures in the corpus: " + captures.size());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Map<Path, Future<Map<Long, Set<String>>>> tshark = new LinkedHashMap<>();
    for (Path p : captures) {
      tshark.put(p, pool.submit(() -> tshark(p)));
    }
    Map<String, int[]> counts = new LinkedHashMap<>(); // agree, tshark only, tcplint only, excused
    FLAGS.keySet().forEach(f -> counts.put(f, new int[4]));
    Map<String, List<String>> excused = new TreeMap<>();
    List<String> disagreements = new ArrayList<>();
    for (Path p : captures) {
      String name = root.relativize(p).toString().replace('\\', '/');
      Map<Long, Set<String>> theirs = tshark.get(p).get();
      Set<Long> duplicates = new HashSet<>();
      Set<Long> firsts = new HashSet<>();
      Set<Long> synAcks = new HashSet<>();
      Set<Long> synAckAnswers = new HashSet<>();
      Map<Integer, Long> afterSynAck = new HashMap<>();
      Set<Long> seenDirections = new HashSet<>();
      Checker checker =
          new Checker(new RuleLevels())
              .observe(
                  (frame, stream, side, flags, cls, duplicate) -> {
                    if (duplicate) {
                      duplicates.add(frame);
                    }
                    if (afterSynAck.remove(stream) != null) {
                      synAckAnswers.add(frame);
                    }
                    int synAck = org.tcplint.decode.TcpFlags.SYN | org.tcplint.decode.TcpFlags.ACK;
                    if ((flags & synAck) == synAck && seenDirections.add(-2L * stream - side - 1)) {
                      synAcks.add(frame);
                      afterSynAck.put(stream, frame);
                    }
                    if (seenDirections.add(2L * stream + side)) {
                      firsts.add(frame);
                    }
                  });
      FileResult r = checker.check(p, name);
      Map<Long, Set<String>> ours = new HashMap<>();
      Map<Long, List<Finding>> byFrame = new HashMap<>();
      Map<Integer, Long> rstAck = new HashMap<>();
      for (Finding f : r.findings()) {
        ours.computeIfAbsent(f.frame(), k -> new HashSet<>()).add(f.rule());
        byFrame.computeIfAbsent(f.frame(), k -> new ArrayList<>()).add(f);
        if (f.rule().equals("rst.invalid-ack")) {
          rstAck.merge(f.stream(), f.frame(), Math::min);
        }
      }
      Set<Long> frames = new HashSet<>(theirs.keySet());
      frames.addAll(ours.keySet());
      for (long frame : frames) {
        Set<String> w = theirs.getOrDefault(frame, Set.of());
        Set<String> o = ours.getOrDefault(frame, Set.of());
        for (Map.Entry<String, Set<String>> flag : FLAGS.entrySet()) {
          boolean ws = w.contains(flag.getKey());
          boolean us = o.stream().anyMatch(flag.getValue()::contains);
          int[] c = counts.get(flag.getKey());
          if (ws && us) {
            c[0]++;
          } else if (ws || us) {
            String reason =
                reason(
                    flag.getKey(),
                    ws,
                    w,
                    o,
                    byFrame.getOrDefault(frame, List.of()),
                    duplicates.contains(frame),
                    firsts.contains(frame),
                    synAcks.contains(frame) || synAckAnswers.contains(frame),
                    byFrame.getOrDefault(frame, List.of()).stream()
                        .anyMatch(
                            f -> rstAck.containsKey(f.stream()) && rstAck.get(f.stream()) < frame));
            if (reason != null) {
              c[3]++;
              excused
                  .computeIfAbsent(reason, k -> new ArrayList<>())
                  .add(name + " #" + frame + " " + flag.getKey() + (ws ? "" : " (tcplint only)"));
            } else {
              c[ws ? 1 : 2]++;
              disagreements.add(
                  name + " #" + frame + ": " + (ws ? "tshark " : "tcplint ") + flag.getKey());
            }
          }
        }
      }
    }
    pool.shutdown();
    String doc = document(counts, excused, disagreements, captures.size());
    Path docs = Path.of("docs", "wireshark.md");
    if (Boolean.getBoolean("wireshark.update")) {
      Files.writeString(docs, doc);
    }
    assertEquals(
        Files.readString(docs),
        doc,
        "docs/wireshark.md differs from this measurement (-Dwireshark.update=true rewrites it)");
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int[] c = e.getValue();
      int judged = c[0] + c[1] + c[2];
      if (judged > 0) {
        assertTrue(
            c[0] >= 0.95 * judged,
            e.getKey() + ": " + c[0] + " of " + judged + " agree; " + disagreements);
      }
    }
  }

  /** tshark's analysis flags per frame of one capture. */
  static Map<Long, Set<String>> tshark(Path capture) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    Path config = Files.createTempDirectory("tcplint-ws");
    cmd.addAll(
        List.of(
            "tshark",
            "-n",
            "-2",
            "-r",
            capture.toString(),
            "-o",
            "tcp.relative_sequence_numbers:TRUE",
            "-o",
            "tcp.analyze_sequence_numbers:TRUE",
            "-Y",
            "tcp",
            "-T",
            "fields",
            "-E",
            "separator=/t",
            "-e",
            "frame.number"));
    for (String f : FLAGS.keySet()) {
      cmd.add("-e");
      cmd.add("tcp.analysis." + f);
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("LC_ALL", "C.UTF-8");
    pb.environment().put("WIRESHARK_CONFIG_DIR", config.toString());
    Process proc = pb.start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    proc.waitFor();
    Files.deleteIfExists(config);
    Map<Long, Set<String>> flags = new HashMap<>();
    List<String> names = new ArrayList<>(FLAGS.keySet());
    for (String line : out.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] c = line.split("\t", -1);
      Set<String> set = new HashSet<>();
      for (int i = 0; i < names.size(); i++) {
        if (i + 1 < c.length && !c[i + 1].isEmpty()) {
          set.add(names.get(i));
        }
      }
      // Wireshark adds its retransmission item to fast and spurious retransmissions too.
      if (set.contains("fast_retransmission") || set.contains("spurious_retransmission")) {
        set.remove("retransmission");
      }
      if (!set.isEmpty()) {
        flags.put(Long.parseLong(c[0].trim()), set);
      }
    }
    return flags;
  }

  private static String document(
      Map<String, int[]> counts,
      Map<String, List<String>> excused,
      List<String> disagreements,
      int captures) {
    StringBuilder sb = new StringBuilder();
    sb.append("# tcplint and Wireshark's `tcp.analysis` flags\n\n")
        .append("Written by `WiresharkAgreementIT` (`mvn verify`; `-Dwireshark.update=true`")
        .append(" rewrites it): tshark 4.0 run on the ")
        .append(captures)
        .append(" TCP captures of the shared corpus, compared frame by frame with the finding")
        .append(" tcplint gives the same frame. A frame counts once per flag. *Agreement* is")
        .append(" agree / (agree + tshark only + tcplint only); frames where tcplint differs")
        .append(" on purpose (below) are counted apart and not judged.\n\n")
        .append("| Wireshark flag | tcplint rule | agree | tshark only | tcplint only |")
        .append(" deliberate | agreement |\n")
        .append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int[] c = e.getValue();
      int judged = c[0] + c[1] + c[2];
      sb.append("| `tcp.analysis.")
          .append(e.getKey())
          .append("` | ")
          .append(
              String.join(
                  ", ", FLAGS.get(e.getKey()).stream().sorted().map(r -> "`" + r + "`").toList()))
          .append(" | ")
          .append(c[0])
          .append(" | ")
          .append(c[1])
          .append(" | ")
          .append(c[2])
          .append(" | ")
          .append(c[3])
          .append(" | ")
          .append(
              judged == 0
                  ? "— (none in the corpus)"
                  : String.format(Locale.ROOT, "%.1f %%", 100.0 * c[0] / judged))
          .append(" |\n");
    }
    sb.append("\n## Where tcplint differs on purpose\n");
    for (Map.Entry<String, String> r : REASONS.entrySet()) {
      List<String> frames = excused.getOrDefault(r.getKey(), List.of());
      sb.append("\n### ")
          .append(r.getKey())
          .append(" (")
          .append(frames.size())
          .append(" frame flags)\n\n")
          .append(r.getValue())
          .append("\n");
      if (!frames.isEmpty()) {
        sb.append("\n<details><summary>frames</summary>\n\n");
        for (String f : frames) {
          sb.append("- ").append(f).append('\n');
        }
        sb.append("\n</details>\n");
      }
    }
    sb.append("\n## Remaining disagreements (").append(disagreements.size()).append(")\n\n");
    if (disagreements.isEmpty()) {
      sb.append("None.\n");
    }
    for (String d : disagreements.stream().sorted().toList()) {
      sb.append("- ").append(d).append('\n');
    }
    return sb.toString();
  }
}
