package org.tcplint.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Real headless Chromium (Debian's {@code chromium} package) driven through the DevTools protocol
 * over the JDK's WebSocket client: open a page, evaluate script in it, take a screenshot, and
 * collect every console error, uncaught exception and failed load the page gives. Without Chromium
 * the calling test is skipped with a message; under {@code CI=true} it fails.
 */
public final class Chromium implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/chromium");
  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

  private Chromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** Starts Chromium, or skips (fails under CI=true) when it is not installed. */
  public static Chromium start() throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("chromium is not installed (CI installs it in .ci/run)");
      }
      Assumptions.abort("chromium is not installed; skipping the browser tests");
    }
    Path profile = Files.createTempDirectory("tcplint-chromium");
    Process p =
        new ProcessBuilder(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--allow-file-access-from-files",
                "--window-size=1300,1000",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String browserWs = listening(p);
    HttpClient http = HttpClient.newHttpClient();
    URI base = URI.create(browserWs.replaceFirst("^ws://([^/]+)/.*$", "http://$1/"));
    String pageWs = null;
    for (int i = 0; i < 50 && pageWs == null; i++) {
      String list =
          http.send(
                  HttpRequest.newBuilder(base.resolve("json/list")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      for (JsonElement e : JsonParser.parseString(list).getAsJsonArray()) {
        JsonObject t = e.getAsJsonObject();
        if (t.get("type").getAsString().equals("page")) {
          pageWs = t.get("webSocketDebuggerUrl").getAsString();
        }
      }
      if (pageWs == null) {
        Thread.sleep(100);
      }
    }
    if (pageWs == null) {
      p.destroyForcibly();
      throw new IOException("chromium opened no page");
    }
    Chromium[] self = new Chromium[1];
    Listener listener = new Listener(self);
    WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), listener).join();
    self[0] = new Chromium(p, profile, ws);
    self[0].send("Runtime.enable", new JsonObject());
    self[0].send("Log.enable", new JsonObject());
    self[0].send("Page.enable", new JsonObject());
    return self[0];
  }

  /** The browser's DevTools address, read from what it prints on standard error. */
  private static String listening(Process p) throws IOException {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    Pattern ws = Pattern.compile("DevTools listening on (ws://\\S+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String line;
    while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
      Matcher m = ws.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> drain(r), "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
    }
    p.destroyForcibly();
    throw new IOException("chromium did not start its DevTools endpoint");
  }

  private static void drain(BufferedReader r) {
    try {
      while (r.readLine() != null) {
        // Chromium's own log (D-Bus and the like) is not the page's
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** Opens {@code url} and waits for its load event. */
  public void open(String url) {
    loaded = new CompletableFuture<>();
    JsonObject params = new JsonObject();
    params.addProperty("url", url);
    JsonObject r = send("Page.navigate", params);
    if (r.has("errorText")) {
      errors.add("navigation: " + r.get("errorText").getAsString());
    }
    loaded.orTimeout(60, TimeUnit.SECONDS).join();
  }

  /** The value of a script expression (awaited when it is a promise), as JSON. */
  public JsonElement eval(String expression) {
    JsonObject params = new JsonObject();
    params.addProperty("expression", expression);
    params.addProperty("returnByValue", true);
    params.addProperty("awaitPromise", true);
    JsonObject r = send("Runtime.evaluate", params);
    if (r.has("exceptionDetails")) {
      throw new AssertionError("script failed: " + r.get("exceptionDetails"));
    }
    JsonObject result = r.getAsJsonObject("result");
    return result.has("value") ? result.get("value") : null;
  }

  /** A PNG of the page as it is shown. */
  public byte[] screenshot() {
    JsonObject params = new JsonObject();
    params.addProperty("format", "png");
    params.addProperty("captureBeyondViewport", false);
    return Base64.getDecoder()
        .decode(send("Page.captureScreenshot", params).get("data").getAsString());
  }

  /** Console errors, uncaught exceptions and error log entries so far. */
  public List<String> errors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  private JsonObject send(String method, JsonObject params) {
    int id = ids.incrementAndGet();
    JsonObject m = new JsonObject();
    m.addProperty("id", id);
    m.addProperty("method", method);
    m.add("params", params);
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(m.toString(), true).join();
    JsonObject r = reply.orTimeout(60, TimeUnit.SECONDS).join();
    if (r.has("error")) {
      throw new AssertionError(method + ": " + r.get("error"));
    }
    return r.getAsJsonObject("result");
  }

  private void onMessage(String text) {
    JsonObject m = JsonParser.parseString(text).getAsJsonObject();
    if (m.has("id")) {
      CompletableFuture<JsonObject> f = pending.remove(m.get("id").getAsInt());
      if (f != null) {
        f.complete(m);
      }
      return;
    }
    String method = m.get("method").getAsString();
    JsonObject p = m.getAsJsonObject("params");
    switch (method) {
      case "Page.loadEventFired" -> loaded.complete(null);
      case "Page.javascriptDialogOpening" -> errors.add("dialog: " + p.get("message"));
      case "Runtime.exceptionThrown" -> errors.add("exception: " + p.get("exceptionDetails"));
      case "Runtime.consoleAPICalled" -> {
        String type = p.get("type").getAsString();
        if (type.equals("error") || type.equals("assert")) {
          errors.add("console." + type + ": " + p.get("args"));
        }
      }
      case "Log.entryAdded" -> {
        JsonObject e = p.getAsJsonObject("entry");
        if (e.get("level").getAsString().equals("error")) {
          errors.add("log: " + e.get("text").getAsString());
        }
      }
      default -> {}
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      socket.abort();
    } finally {
      List<ProcessHandle> children = process.descendants().toList();
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      for (ProcessHandle child : children) {
        child.destroyForcibly();
        child.onExit().completeOnTimeout(child, 10, TimeUnit.SECONDS).join();
      }
      deleteTree(profile);
    }
  }

  /**
   * Deletes the browser's profile; a helper process that outlived the browser may still add or
   * remove files in it, so files that vanish are skipped and the walk is tried again.
   */
  private static void deleteTree(Path root) throws IOException {
    for (int attempt = 0; Files.exists(root) && attempt < 5; attempt++) {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
              try {
                Files.deleteIfExists(dir);
              } catch (IOException notEmptyYet) {
                // a late file appeared; the next attempt removes it
              }
              return FileVisitResult.CONTINUE;
            }
          });
    }
  }

  /** Gathers a message's parts and hands whole messages to the driver. */
  private static final class Listener implements WebSocket.Listener {
    private final Chromium[] owner;
    private final StringBuilder text = new StringBuilder();

    Listener(Chromium[] owner) {
      this.owner = owner;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String whole = text.toString();
        text.setLength(0);
        while (owner[0] == null) {
          Thread.onSpinWait();
        }
        owner[0].onMessage(whole);
      }
      ws.request(1);
      return null;
    }
  }

  /** Waits up to {@code timeout} for {@code expression} to be true in the page. */
  public void waitFor(String expression, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonElement v = eval("!!(" + expression + ")");
      if (v != null && v.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not true within " + timeout + ": " + expression);
  }
}
