package org.tcplint.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.testing.SharedCaptures;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Every SARIF report validates against the SARIF 2.1.0 schema and every JUnit report against
 * Jenkins' JUnit XSD, for each capture in testdata/ and the shared corpus; awkward file names
 * round-trip in every format; reports are byte-identical run to run and with -j1 vs -j2.
 */
class ReportFormatsTest {
  private static final Path SCHEMAS =
      Path.of(System.getProperty("tcplint.shared", "../shared"), "schemas");
  private static JsonSchema sarifSchema;
  private static Validator junitValidator;

  @TempDir Path dir;

  @BeforeAll
  static void schemas() throws Exception {
    SharedCaptures.root(); // skip (or fail under CI=true) without the shared folder
    sarifSchema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
            .getSchema(Files.newInputStream(SCHEMAS.resolve("sarif-schema-2.1.0.json")));
    SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    junitValidator = sf.newSchema(SCHEMAS.resolve("junit-10.xsd").toFile()).newValidator();
  }

  static String run(String... args) {
    return org.tcplint.testing.Cli.run(args);
  }

  static List<Path> captures() throws IOException {
    List<Path> all = new ArrayList<>();
    all.addAll(org.tcplint.testing.Testdata.captures());
    all.addAll(SharedCaptures.all());
    return all;
  }

  static void validSarif(String name, String sarif) throws IOException {
    JsonNode node = new ObjectMapper().readTree(sarif);
    Set<ValidationMessage> errors = sarifSchema.validate(node);
    assertTrue(errors.isEmpty(), name + ": SARIF invalid: " + errors);
  }

  static Document validJunit(String name, String xml) throws Exception {
    junitValidator.validate(new StreamSource(new StringReader(xml)));
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @TestFactory
  Stream<DynamicTest> everySarifAndJunitReportValidates() throws IOException {
    return captures().stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    p.toString(),
                    () -> {
                      validSarif(
                          p.toString(),
                          run("check", "-f", "sarif", "--fail-on", "info", p.toString()));
                      Document d =
                          validJunit(
                              p.toString(),
                              run("check", "-f", "junit", "--fail-on", "info", p.toString()));
                      assertEquals("testsuites", d.getDocumentElement().getTagName());
                    }));
  }

  @Test
  void awkwardFileNamesRoundTripInEveryFormat() throws Exception {
    String name = "we<ird&]]>\"q\u00e9\u4e2d\u0001 name.pcapng";
    Path f = dir.resolve(name);
    Files.copy(Path.of("testdata/seed-wrong-synack-ack.pcapng"), f);
    String path = f.toString();

    JsonObject json = JsonParser.parseString(run("check", "-f", "json", path)).getAsJsonObject();
    assertEquals(
        path, json.getAsJsonArray("files").get(0).getAsJsonObject().get("path").getAsString());

    String jsonl = run("check", "-f", "jsonl", path).lines().findFirst().orElseThrow();
    assertEquals(path, JsonParser.parseString(jsonl).getAsJsonObject().get("path").getAsString());

    Document junit = validJunit(name, run("check", "-f", "junit", path));
    Element suite = (Element) junit.getElementsByTagName("testsuite").item(0);
    // control characters in names are escaped in the formats people read (Printable)
    String shown = Printable.escape(path);
    assertEquals(JunitReporter.clean(shown), suite.getAttribute("name"));
    assertTrue(suite.getAttribute("name").contains("<ird&]]>\"q\u00e9\u4e2d\\x01"));

    String sarif = run("check", "-f", "sarif", path);
    validSarif(name, sarif);
    String uri =
        JsonParser.parseString(sarif)
            .getAsJsonObject()
            .getAsJsonArray("runs")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("results")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("locations")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("physicalLocation")
            .getAsJsonObject("artifactLocation")
            .get("uri")
            .getAsString();
    assertEquals(path, java.net.URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8));

    String github = run("check", "-f", "github", path).lines().findFirst().orElseThrow();
    String file = github.substring(github.indexOf("file=") + 5, github.indexOf(",title="));
    assertEquals(
        shown,
        file.replace("%2C", ",")
            .replace("%3A", ":")
            .replace("%0A", "\n")
            .replace("%0D", "\r")
            .replace("%25", "%"));

    String tsv = run("check", "-f", "wireshark", path);
    assertTrue(
        tsv.lines()
            .anyMatch(
                l ->
                    l.startsWith("#capture\tpackets=3\tbytes=320\t")
                        && l.endsWith("\tname=" + Printable.escape(name))),
        tsv);
    assertTrue(run("check", "-f", "text", path).contains(shown));
  }

  @Test
  void reportsAreByteIdenticalAcrossRunsAndJobs() {
    for (String format :
        List.of("text", "json", "jsonl", "junit", "sarif", "github", "wireshark")) {
      String a = run("check", "-j", "1", "-f", format, "testdata");
      String b = run("check", "-j", "1", "-f", format, "testdata");
      String c = run("check", "-j", "2", "-f", format, "testdata");
      assertTrue(a.length() > 100, format);
      assertArrayEquals(
          a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8), format);
      assertArrayEquals(
          a.getBytes(StandardCharsets.UTF_8), c.getBytes(StandardCharsets.UTF_8), format);
    }
  }
}
