package org.tcplint.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The plugin is plain Lua that also compiles as Lua 5.4 (Wireshark's newer releases). */
class LuaSyntaxIT {
  @Test
  void pluginCompilesWithLua54() throws Exception {
    boolean present =
        Stream.of(System.getenv("PATH").split(":"))
            .anyMatch(d -> Files.isExecutable(Path.of(d, "luac5.4")));
    if (!present) {
      if ("true".equals(System.getenv("CI"))) {
        fail("luac5.4 is not installed (CI installs lua5.4 in .ci/run)");
      }
      Assumptions.abort("luac5.4 is not installed");
    }
    Process p =
        new ProcessBuilder("luac5.4", "-p", "lua-bridge/tcplint.lua")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    String code =
        Files.readAllLines(Path.of("lua-bridge/tcplint.lua")).stream()
            .filter(l -> !l.strip().startsWith("--"))
            .reduce("", (a, b) -> a + b + "\n");
    for (String banned : new String[] {"bit32.", "setfenv", "module(", " unpack("}) {
      assertEquals(-1, code.indexOf(banned), "not portable across Lua 5.2-5.4: " + banned);
    }
  }
}
