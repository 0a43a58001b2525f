package org.tcplint.check;

import java.io.IOException;
import java.util.Comparator;
import org.tcplint.rules.Finding;
import org.tcplint.rules.Severity;

/** How conversation summaries and findings are written to, and read from, a spill run. */
final class Codecs {
  private static final Severity[] SEVERITIES = Severity.values();

  private Codecs() {}

  /** Conversations by stream. */
  static final Comparator<ConversationSummary> BY_STREAM =
      Comparator.comparingInt(ConversationSummary::stream);

  /** Findings by frame, then rule id. */
  static final Comparator<Finding> BY_FRAME =
      Comparator.comparingLong(Finding::frame).thenComparing(Finding::rule);

  static final SpillList.Codec<ConversationSummary> SUMMARY =
      new SpillList.Codec<>() {
        @Override
        public void write(RunData.Out out, ConversationSummary c) throws IOException {
          out.writeInt(c.stream());
          string(out, c.client());
          string(out, c.server());
          string(out, c.service());
          out.writeLong(c.firstFrame());
          out.writeLong(c.lastFrame());
          out.writeLong(c.packets());
          out.writeLong(c.bytes());
          string(out, c.open());
          string(out, c.close());
          out.writeInt(c.completeness());
          string(out, c.connState());
          string(out, c.history());
          if (c.windowScale() instanceof ConversationSummary.Scales w) {
            out.writeByte(1);
            out.writeInt(w.client());
            out.writeInt(w.server());
          } else {
            out.writeByte(0);
            string(out, c.windowScale() == null ? null : c.windowScale().toString());
          }
          out.writeLong(c.firstTimeNanos());
          out.writeLong(c.lastTimeNanos());
        }

        @Override
        public ConversationSummary read(RunData.In in) throws IOException {
          int stream = in.readInt();
          String client = string(in);
          String server = string(in);
          String service = string(in);
          long firstFrame = in.readLong();
          long lastFrame = in.readLong();
          long packets = in.readLong();
          long bytes = in.readLong();
          String open = string(in);
          String close = string(in);
          int completeness = in.readInt();
          String connState = string(in);
          String history = string(in);
          Object windowScale;
          if (in.readByte() == 1) {
            int client0 = in.readInt();
            int server0 = in.readInt();
            windowScale = new ConversationSummary.Scales(client0, server0);
          } else {
            windowScale = string(in);
          }
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
              in.readLong(),
              in.readLong());
        }
      };

  static final SpillList.Codec<Finding> FINDING =
      new SpillList.Codec<>() {
        @Override
        public void write(RunData.Out out, Finding f) throws IOException {
          string(out, f.rule());
          out.writeByte(f.severity().ordinal());
          out.writeInt(f.stream());
          out.writeLong(f.frame());
          string(out, f.direction());
          string(out, f.message());
          number(out, f.expected());
          number(out, f.actual());
          number(out, f.offset());
          string(out, f.endpoints());
          number(out, f.relSeq());
          number(out, f.frameOffset());
        }

        @Override
        public Finding read(RunData.In in) throws IOException {
          return new Finding(
              string(in),
              SEVERITIES[in.readByte()],
              in.readInt(),
              in.readLong(),
              string(in),
              string(in),
              number(in),
              number(in),
              number(in),
              string(in),
              number(in),
              number(in));
        }
      };

  static void string(RunData.Out out, String s) throws IOException {
    out.writeString(s);
  }

  static String string(RunData.In in) throws IOException {
    return in.readString();
  }

  static void number(RunData.Out out, Long v) throws IOException {
    out.writeBoolean(v != null);
    if (v != null) {
      out.writeLong(v);
    }
  }

  static Long number(RunData.In in) throws IOException {
    return in.readBoolean() ? in.readLong() : null;
  }
}
