/**
 * tcplint as a library: {@link org.tcplint.api.Tcplint} checks captures (a file, standard input, a
 * stream or bytes in memory) with rule levels and settings of your choosing, on as many threads as
 * you give it, and hands back each file's conversations and findings, as a {@link
 * org.tcplint.check.FileResult} or through a {@link org.tcplint.api.ResultSink}. The command line
 * tool uses only this API; the JSON report (schema v1) is its serialised form.
 *
 * <pre>{@code
 * try (Tcplint t = Tcplint.builder().rule("win.*", Severity.OFF).threads(8).build()) {
 *   FileResult r = t.check(Path.of("trace.pcapng"));
 *   for (Finding f : r.findings()) {
 *     System.out.println(f.frame() + " " + f.rule() + " " + f.message());
 *   }
 *   r.release();
 * }
 * }</pre>
 */
package org.tcplint.api;
