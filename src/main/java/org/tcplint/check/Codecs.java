package org.tcplint.check;

import java.io.IOException;
import java.util.Comparator;
import org.tcplint.rules.Finding;
import org.tcplint.rules.Severity;

/** How conversation summaries and findings are written to, and read from, a spill run. */
final class Codecs {
  private static final Severity[] SEVERITIES = Severity.values();

  private Codecs() {}

  /** An empty list of findings, by frame then rule, counted by severity. */
  static SpillList<Finding> findings(int spillAfter) {
    return new SpillList<>(
        FINDING, BY_FRAME, null, spillAfter, f -> f.severity().ordinal(), SEVERITIES.length);
  }

  /** Conversations by stream. */
  static final SpillList.Order<ConversationSummary> BY_STREAM =
      new SpillList.Order<>(ConversationSummary::stream, null);

  /** Findings by stream; within a stream in the order they are added. */
  static final SpillList.Order<Finding> FINDING_BY_STREAM =
      new SpillList.Order<>(Finding::stream, null);

  /** Findings by frame, then rule id. */
  static final SpillList.Order<Finding> BY_FRAME =
      new SpillList.Order<>(Finding::frame, Comparator.comparing(Finding::rule));

  static final SpillList.Codec<ConversationSummary> SUMMARY =
      new SpillList.Codec<>() {
        @Override
        public void write(RunData.Out out, ConversationSummary c) throws IOException {
          out.writeInt(c.stream());
          out.writeString(c.client());
          out.writeString(c.server());
          out.writeString(c.service());
          out.writeLong(c.firstFrame());
          out.writeLong(c.lastFrame());
          out.writeLong(c.packets());
          out.writeLong(c.bytes());
          out.writeString(c.open());
          out.writeString(c.close());
          out.writeInt(c.completeness());
          out.writeString(c.connState());
          out.writeString(c.history());
          if (c.windowScale() instanceof ConversationSummary.Scales w) {
            out.writeByte(1);
            out.writeInt(w.client());
            out.writeInt(w.server());
          } else {
            out.writeByte(0);
            out.writeString(c.windowScale() == null ? null : c.windowScale().toString());
          }
          out.writeLong(c.firstTimeNanos());
          out.writeLong(c.lastTimeNanos());
          writeDirection(out, c.stats().client());
          writeDirection(out, c.stats().server());
          out.writeLong(c.stats().irttNanos());
        }

        @Override
        public ConversationSummary read(RunData.In in) throws IOException {
          int stream = in.readInt();
          String client = in.readUniqueString();
          String server = in.readUniqueString();
          String service = in.readString();
          long firstFrame = in.readLong();
          long lastFrame = in.readLong();
          long packets = in.readLong();
          long bytes = in.readLong();
          String open = in.readString();
          String close = in.readString();
          int completeness = in.readInt();
          String connState = in.readString();
          String history = in.readString();
          Object windowScale;
          if (in.readByte() == 1) {
            int client0 = in.readInt();
            int server0 = in.readInt();
            windowScale = ConversationSummary.Scales.of(client0, server0);
          } else {
            windowScale = in.readString();
          }
          long firstTime = in.readLong();
          long lastTime = in.readLong();
          ConversationSummary.Direction clientStats = readDirection(in);
          ConversationSummary.Direction serverStats = readDirection(in);
          ConversationSummary.Stats stats =
              new ConversationSummary.Stats(clientStats, serverStats, in.readLong());
          return new ConversationSummary(
              stream,
              client,
              server,
              service,
              firstFrame,
              lastFrame,
              packets,
              bytes,
              open,
              close,
              completeness,
              connState,
              history,
              windowScale,
              firstTime,
              lastTime,
              stats);
        }
      };

  private static void writeDirection(RunData.Out out, ConversationSummary.Direction d) {
    out.writeLong(d.frames());
    out.writeLong(d.bytes());
    out.writeInt(d.retransmissions());
    out.writeInt(d.holeRetransmissions());
    out.writeInt(d.fastRetransmissions());
    out.writeInt(d.spuriousRetransmissions());
    out.writeInt(d.outOfOrder());
    out.writeInt(d.dupAcksSent());
    out.writeInt(d.gaps());
    out.writeInt(d.duplicates());
    out.writeLong(d.rawWindowMax());
    out.writeLong(d.rawWindowMin());
    out.writeInt(d.windowShift());
  }

  private static ConversationSummary.Direction readDirection(RunData.In in) throws IOException {
    return new ConversationSummary.Direction(
        in.readLong(),
        in.readLong(),
        in.readInt(),
        in.readInt(),
        in.readInt(),
        in.readInt(),
        in.readInt(),
        in.readInt(),
        in.readInt(),
        in.readInt(),
        in.readLong(),
        in.readLong(),
        in.readInt());
  }

  static final SpillList.Codec<Finding> FINDING =
      new SpillList.Codec<>() {
        @Override
        public void write(RunData.Out out, Finding f) throws IOException {
          out.writeString(f.rule());
          out.writeByte(f.severity().ordinal());
          out.writeInt(f.stream());
          out.writeLong(f.frame());
          out.writeString(f.direction());
          out.writeString(f.message());
          out.writeNullableLong(f.expected());
          out.writeNullableLong(f.actual());
          out.writeNullableLong(f.offset());
          out.writeString(f.endpoints());
          out.writeNullableLong(f.relSeq());
          out.writeNullableLong(f.frameOffset());
        }

        @Override
        public Finding read(RunData.In in) throws IOException {
          return new Finding(
              in.readString(),
              SEVERITIES[in.readByte()],
              in.readInt(),
              in.readLong(),
              in.readString(),
              in.readUniqueString(),
              in.readNullableLong(),
              in.readNullableLong(),
              in.readNullableLong(),
              in.readUniqueString(),
              in.readNullableLong(),
              in.readNullableLong());
        }
      };
}
