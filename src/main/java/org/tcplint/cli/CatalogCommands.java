package org.tcplint.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.tcplint.check.Checker;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Catalog;
import org.tcplint.rules.RuleDescriptor;
import org.tcplint.rules.RuleLevels;

/** {@code tcplint rules} and {@code tcplint conversations}. */
final class CatalogCommands {
  private CatalogCommands() {}

  static int rules(String format, PrintStream out) throws UsageException {
    switch (format) {
      case "json" -> {
        JsonArray arr = new JsonArray();
        for (RuleDescriptor d : Catalog.all()) {
          JsonObject o = new JsonObject();
          o.addProperty("id", d.id());
          o.addProperty("severity", d.severity().label());
          o.addProperty("tier", d.tier());
          o.addProperty("rfc", d.rfc());
          o.addProperty("summary", d.summary());
          arr.add(o);
        }
        out.println(
            new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(arr));
      }
      case "markdown" -> {
        out.println("| id | severity | tier | RFC | condition |");
        out.println("|---|---|---|---|---|");
        for (RuleDescriptor d : Catalog.all()) {
          out.printf(
              "| `%s` | %s | %s | %s | %s |%n",
              d.id(), d.severity().label(), d.tier(), d.rfc(), d.summary().replace("|", "\\|"));
        }
      }
      case "text" -> {
        for (RuleDescriptor d : Catalog.all()) {
          out.printf("%-40s %-8s %-5s %s%n", d.id(), d.severity().label(), d.tier(), d.summary());
        }
      }
      default -> throw new UsageException("unknown format '" + format + "' (text, json, markdown)");
    }
    return ExitCode.OK;
  }

  static int conversations(List<String> args, PrintStream out, PrintStream err)
      throws UsageException {
    if (args.size() != 1) {
      throw new UsageException("conversations takes exactly one capture file");
    }
    FileResult r = new Checker(new RuleLevels()).check(Path.of(args.get(0)), args.get(0));
    out.printf(
        "%-6s %-42s %-42s %-12s %-11s %-12s %5s %-6s %-12s %8s %10s %10s%n",
        "stream",
        "client",
        "server",
        "service",
        "open",
        "close",
        "compl",
        "state",
        "history",
        "packets",
        "bytes",
        "duration");
    for (ConversationSummary c : r.conversations()) {
      out.printf(
          "%-6d %-42s %-42s %-12s %-11s %-12s %5d %-6s %-12s %8d %10d %10.6f%n",
          c.stream(),
          c.client(),
          c.server(),
          c.service() == null ? "-" : c.service(),
          c.open(),
          c.close(),
          c.completeness(),
          c.connState(),
          c.history(),
          c.packets(),
          c.bytes(),
          c.duration());
    }
    if (r.error() != null) {
      err.println("tcplint: " + r.path() + ": " + r.error());
      return ExitCode.BAD_INPUT;
    }
    return ExitCode.OK;
  }
}
