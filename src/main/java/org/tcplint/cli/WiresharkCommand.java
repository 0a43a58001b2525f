package org.tcplint.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code tcplint wireshark CAPTURE}: checks the capture, writes the findings next to it ({@code
 * CAPTURE.tcplint.tsv}, which the plugin finds by itself) and opens it in Wireshark with the
 * plugin; {@code --tshark} prints tshark's view of the flagged frames instead; {@code --install}
 * copies the plugin into the personal Wireshark plugins folder.
 */
final class WiresharkCommand {
  private WiresharkCommand() {}

  static Options options() {
    Options o = new Options();
    o.addOption(
        Option.builder()
            .longOpt("install")
            .desc("copy the plugin into the personal Wireshark plugins folder")
            .get());
    o.addOption(
        Option.builder()
            .longOpt("tshark")
            .desc("print tshark's view of the flagged frames instead of opening Wireshark")
            .get());
    o.addOption(Option.builder("h").longOpt("help").desc("this help").get());
    return o;
  }

  /** The personal Lua plugins folder of Wireshark 4.x on Linux. */
  static Path pluginsFolder() {
    return Path.of(System.getProperty("user.home"), ".local", "lib", "wireshark", "plugins");
  }

  static byte[] plugin() throws IOException {
    try (InputStream in =
        WiresharkCommand.class.getResourceAsStream("/org/tcplint/lua/tcplint.lua")) {
      if (in == null) {
        throw new IOException("the plugin is missing from this build");
      }
      return in.readAllBytes();
    }
  }

  static int run(CommandLine cl, PrintStream out, PrintStream err) throws UsageException {
    try {
      if (cl.hasOption("install")) {
        Path target = pluginsFolder().resolve("tcplint.lua");
        byte[] code = plugin();
        if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), code)) {
          out.println("tcplint plugin already installed at " + target);
        } else {
          Files.createDirectories(target.getParent());
          Files.write(target, code);
          out.println("tcplint plugin installed at " + target);
        }
        if (cl.getArgList().isEmpty()) {
          return ExitCode.OK;
        }
      }
      if (cl.getArgList().size() != 1) {
        throw new UsageException("wireshark takes one capture file");
      }
      String name = cl.getArgList().get(0);
      Path capture = org.tcplint.capture.FileNames.path(name);
      if (!Files.isRegularFile(capture)) {
        err.println("tcplint: " + org.tcplint.report.Printable.escape(name + ": no such file"));
        return ExitCode.BAD_INPUT;
      }
      String sidecarName = name + ".tcplint.tsv";
      Path sidecar = org.tcplint.capture.FileNames.path(sidecarName);
      int code =
          Main.run(
              new String[] {
                "check", "-q", "--fail-on", "never", "-f", "wireshark", "-o", sidecarName, name
              },
              new PrintStream(PrintStream.nullOutputStream()),
              err);
      if (code != ExitCode.OK && code != ExitCode.BAD_INPUT) {
        return code;
      }
      String tool = cl.hasOption("tshark") ? "tshark" : "wireshark";
      if (!onPath(tool)) {
        err.println(
            "tcplint: "
                + tool
                + " is not installed (Debian: apt-get install "
                + (tool.equals("tshark") ? "tshark" : "wireshark")
                + "); the findings are in "
                + org.tcplint.report.Printable.escape(sidecarName));
        return ExitCode.USAGE;
      }
      List<String> cmd = new ArrayList<>(List.of(tool, "-r", capture.toString()));
      if (!Files.exists(pluginsFolder().resolve("tcplint.lua"))) {
        Path script = Files.createTempFile("tcplint", ".lua");
        script.toFile().deleteOnExit();
        Files.write(script, plugin());
        cmd.addAll(List.of("-X", "lua_script:" + script));
      }
      cmd.addAll(List.of("-o", "tcplint.findings:" + sidecar.toAbsolutePath()));
      if (tool.equals("tshark")) {
        cmd.addAll(List.of("-Y", "tcplint", "-O", "tcplint"));
      }
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(false)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (tool.equals("tshark")) {
        p.getInputStream().transferTo(out);
        out.flush();
        return p.waitFor() == 0 ? ExitCode.OK : ExitCode.BAD_INPUT;
      }
      out.println(
          org.tcplint.report.Printable.escape(
              "opened " + name + " in Wireshark; findings: " + sidecarName + " (filter: tcplint)"));
      return ExitCode.OK;
    } catch (IOException e) {
      err.println("tcplint: " + org.tcplint.report.Printable.escape(e.getMessage()));
      return ExitCode.BAD_INPUT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCode.INTERNAL;
    }
  }

  static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
