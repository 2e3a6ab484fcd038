package dev.agentloop.core.internal.repomap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.ExecStatus;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.ScanFinding;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxSymbolParserTest {

    @TempDir
    Path workspace;

    /** A session whose commands are answered by a function; it records them. */
    private static final class ScriptedSession implements SandboxSession {
        final Path workspace;
        final Function<ExecRequest, ExecResult> answer;
        final List<ExecRequest> requests = new ArrayList<>();

        ScriptedSession(Path workspace, Function<ExecRequest, ExecResult> answer) {
            this.workspace = workspace;
            this.answer = answer;
        }

        @Override
        public Path workspace() {
            return workspace;
        }

        @Override
        public void writeFile(String relativePath, String content) {
            throw new AssertionError("the parser must not write to the workspace");
        }

        @Override
        public ExecResult exec(ExecRequest request) {
            requests.add(request);
            return answer.apply(request);
        }

        @Override
        public TestReport runTests(TestRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ScanFinding> scan(Collection<String> relativePaths) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }

    private static ExecResult exited(int code, String stdout, String stderr) {
        return new ExecResult(ExecStatus.EXITED, code, stdout, stderr, Duration.ofMillis(5), 0, 0, "");
    }

    /** Answers as the scripts would: one OK file record with one function per file argument. */
    private static ExecResult parsedFiles(ExecRequest request) {
        StringBuilder out = new StringBuilder();
        for (String file : files(request)) {
            out.append("F\t").append(file).append("\tOK\t\nD\tf\tfn\t1\t2\t\tdef fn()\t\n");
        }
        return exited(0, out.toString(), "");
    }

    private static List<String> files(ExecRequest request) {
        List<String> argv = request.command();
        int first = 4; // after "python3 -I -c SCRIPT" or "node -e SCRIPT --"
        return argv.subList(first, argv.size());
    }

    private void write(String path, int bytes) throws IOException {
        Path file = workspace.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x".repeat(bytes));
    }

    @Test
    void runsPythonIsolatedAndJavaScriptWithAcornWritingNothingToTheWorkspace() throws IOException {
        write("a.py", 10);
        write("lib/b.js", 10);
        ScriptedSession session = new ScriptedSession(workspace, SandboxSymbolParserTest::parsedFiles);

        Map<String, FileSymbols> parsed = SandboxSymbolParser.of(session).parse(workspace, List.of("a.py", "lib/b.js"));

        assertThat(parsed).containsOnlyKeys("a.py", "lib/b.js");
        assertThat(parsed.get("a.py").definitions())
                .extracting(Definition::name)
                .containsExactly("fn");
        assertThat(session.requests).hasSize(2);
        ExecRequest python = session.requests.get(0);
        assertThat(python.command().subList(0, 3)).containsExactly("python3", "-I", "-c");
        assertThat(python.command().get(3)).contains("import ast");
        assertThat(python.timeout()).isEqualTo(SandboxSymbolParser.DEFAULT_CHUNK_TIMEOUT);
        ExecRequest node = session.requests.get(1);
        assertThat(node.command()).startsWith("node", "-e").contains("--");
        assertThat(node.command().get(2)).contains("acorn");
        assertThat(files(node)).containsExactly("lib/b.js");
    }

    @Test
    void asksForMoreCpusOnlyForPythonChunksLargeEnoughToParseInParallel() throws IOException {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < SandboxSymbolParser.PARALLEL_MIN_FILES; i++) {
            write("p" + i + ".py", 10);
            many.add("p" + i + ".py");
        }
        write("lone.py", 10);
        List<String> scripts = new ArrayList<>();
        for (int i = 0; i < SandboxSymbolParser.PARALLEL_MIN_FILES; i++) {
            write("s" + i + ".js", 10);
            scripts.add("s" + i + ".js");
        }
        ScriptedSession session = new ScriptedSession(workspace, SandboxSymbolParserTest::parsedFiles);
        SandboxSymbolParser parser =
                SandboxSymbolParser.builder().session(session).cpus(3).build();

        parser.parse(workspace, many);
        parser.parse(workspace, List.of("lone.py"));
        parser.parse(workspace, scripts);

        assertThat(session.requests).extracting(ExecRequest::cpus).containsExactly(3.0, null, null);
        assertThat(SandboxSymbolParser.builder().session(session).build().parse(workspace, many))
                .hasSize(many.size());
        assertThat(session.requests.get(3).cpus())
                .isEqualTo((double) Runtime.getRuntime().availableProcessors());
        assertThatThrownBy(() -> SandboxSymbolParser.builder().cpus(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpus must be positive");
    }

    @Test
    void splitsFilesIntoChunksByCountAndSize() throws IOException {
        for (int i = 0; i < 7; i++) {
            write("m" + i + ".py", i == 3 ? 500 : 10);
        }
        ScriptedSession session = new ScriptedSession(workspace, SandboxSymbolParserTest::parsedFiles);
        SandboxSymbolParser parser = SandboxSymbolParser.builder()
                .session(session)
                .chunkFiles(3)
                .chunkBytes(100)
                .build();

        Map<String, FileSymbols> parsed =
                parser.parse(workspace, List.of("m0.py", "m1.py", "m2.py", "m3.py", "m4.py", "m5.py", "m6.py"));

        assertThat(parsed).hasSize(7);
        assertThat(session.requests)
                .extracting(SandboxSymbolParserTest::files)
                .containsExactly(
                        List.of("m0.py", "m1.py", "m2.py"), List.of("m3.py"), List.of("m4.py", "m5.py", "m6.py"));
    }

    @Test
    void aChunkWhoseOutputWasCutIsSplitUntilTheCulpritStandsAlone() throws IOException {
        for (int i = 0; i < 4; i++) {
            write("m" + i + ".py", 10);
        }
        ScriptedSession session = new ScriptedSession(workspace, request -> {
            if (files(request).contains("m2.py")) {
                return new ExecResult(ExecStatus.EXITED, 0, "F\tm0", "", Duration.ZERO, 5_000_000, 0, "");
            }
            return parsedFiles(request);
        });

        Map<String, FileSymbols> parsed =
                SandboxSymbolParser.of(session).parse(workspace, List.of("m0.py", "m1.py", "m2.py", "m3.py"));

        assertThat(parsed.get("m2.py").status()).isEqualTo(ParseStatus.FAILED);
        assertThat(parsed.get("m2.py").message()).contains("output cap");
        for (String ok : List.of("m0.py", "m1.py", "m3.py")) {
            assertThat(parsed.get(ok).status()).as(ok).isEqualTo(ParseStatus.PARSED);
        }
        assertThat(session.requests)
                .extracting(SandboxSymbolParserTest::files)
                .containsExactly(
                        List.of("m0.py", "m1.py", "m2.py", "m3.py"),
                        List.of("m0.py", "m1.py"),
                        List.of("m2.py", "m3.py"),
                        List.of("m2.py"),
                        List.of("m3.py"));
    }

    @Test
    void aTimedOutSingleFileIsReportedAsFailed() throws IOException {
        write("slow.py", 10);
        ScriptedSession session = new ScriptedSession(
                workspace, r -> new ExecResult(ExecStatus.TIMED_OUT, -1, "", "", Duration.ZERO, 0, 0, ""));

        FileSymbols slow = SandboxSymbolParser.builder()
                .session(session)
                .timeout(Duration.ofSeconds(3))
                .build()
                .parse(workspace, List.of("slow.py"))
                .get("slow.py");

        assertThat(slow.status()).isEqualTo(ParseStatus.FAILED);
        assertThat(slow.message()).isEqualTo("parsing timed out after 3 s");
    }

    @Test
    void aLanguageWhoseParserCannotRunLeavesItsFilesFailedAndTheOthersParsed() throws IOException {
        write("a.py", 10);
        write("b.js", 10);
        write("c.js", 10);
        ScriptedSession session = new ScriptedSession(
                workspace,
                request -> request.command().get(0).equals("node")
                        ? exited(127, "", "sh: 1: node: not found\n")
                        : parsedFiles(request));

        Map<String, FileSymbols> parsed = SandboxSymbolParser.builder()
                .session(session)
                .chunkFiles(1)
                .build()
                .parse(workspace, List.of("a.py", "b.js", "c.js"));

        assertThat(parsed.get("a.py").status()).isEqualTo(ParseStatus.PARSED);
        assertThat(parsed.get("b.js").message())
                .isEqualTo(
                        "JavaScript symbol parser (node, acorn) cannot run in the sandbox (exit 127): sh: 1: node: not found");
        assertThat(parsed.get("c.js")).isEqualTo(parsed.get("b.js"));
        assertThat(session.requests)
                .as("the second JavaScript chunk is not tried")
                .hasSize(2);
    }

    @Test
    void aParserCrashOnOneFileCostsOnlyThatFile() throws IOException {
        for (String name : List.of("a.py", "deep.py", "c.py")) {
            write(name, 10);
        }
        ScriptedSession session = new ScriptedSession(
                workspace,
                request -> files(request).contains("deep.py")
                        ? exited(139, "", "Segmentation fault\n")
                        : parsedFiles(request));

        Map<String, FileSymbols> parsed =
                SandboxSymbolParser.of(session).parse(workspace, List.of("a.py", "deep.py", "c.py"));

        assertThat(parsed.get("deep.py").status()).isEqualTo(ParseStatus.FAILED);
        assertThat(parsed.get("deep.py").message()).isEqualTo("the parser crashed (exit 139)");
        assertThat(parsed.get("a.py").status()).isEqualTo(ParseStatus.PARSED);
        assertThat(parsed.get("c.py").status()).isEqualTo(ParseStatus.PARSED);
    }

    @Test
    void aMissingParserModuleMakesTheLanguageUnavailable() throws IOException {
        write("a.js", 10);
        ScriptedSession session = new ScriptedSession(
                workspace, r -> exited(1, "", "Error: Cannot find module '/usr/share/nodejs/acorn'\n"));

        FileSymbols a = SandboxSymbolParser.of(session)
                .parse(workspace, List.of("a.js"))
                .get("a.js");

        assertThat(a.message()).contains("cannot run in the sandbox (exit 1)").contains("Cannot find module");
    }

    @Test
    void aFileWhoseNameTripsTheHooksIsFailedAndTheOthersParsed() throws IOException {
        write("a.py", 10);
        write("tools/mkfs.py", 10);
        write("c.py", 10);
        ScriptedSession session = new ScriptedSession(
                workspace,
                request -> files(request).contains("tools/mkfs.py")
                        ? ExecResult.blocked("mkfs", "refused")
                        : parsedFiles(request));

        Map<String, FileSymbols> parsed =
                SandboxSymbolParser.of(session).parse(workspace, List.of("a.py", "tools/mkfs.py", "c.py"));

        assertThat(parsed.get("tools/mkfs.py").message())
                .isEqualTo("its name trips the sandbox's execution hooks (rule mkfs)");
        assertThat(parsed.get("a.py").status()).isEqualTo(ParseStatus.PARSED);
        assertThat(parsed.get("c.py").status()).isEqualTo(ParseStatus.PARSED);
    }

    @Test
    void aRefusedCommandStopsTheBuildNamingTheRule() throws IOException {
        write("a.py", 10);
        ScriptedSession session = new ScriptedSession(workspace, r -> ExecResult.blocked("no-python", "refused"));

        assertThatThrownBy(() -> SandboxSymbolParser.of(session).parse(workspace, List.of("a.py")))
                .isInstanceOf(RepoMapException.class)
                .hasMessageContaining("rule no-python");
    }

    @Test
    void aRootInsideTheWorkspaceBecomesTheWorkingDirectoryAndOneOutsideIsRejected(@TempDir Path elsewhere)
            throws IOException {
        write("project/a.py", 10);
        ScriptedSession session = new ScriptedSession(workspace, SandboxSymbolParserTest::parsedFiles);
        SandboxSymbolParser parser = SandboxSymbolParser.of(session);

        parser.parse(workspace.resolve("project"), List.of("a.py"));
        assertThat(session.requests.get(0).workingDirectory()).isEqualTo("project");

        assertThatThrownBy(() -> parser.parse(elsewhere, List.of("a.py")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not inside the sandbox workspace");
    }

    @Test
    void malformedParserOutputIsAnError() throws IOException {
        write("a.py", 10);
        ScriptedSession session = new ScriptedSession(workspace, r -> exited(0, "garbage\n", ""));

        assertThatThrownBy(() -> SandboxSymbolParser.of(session).parse(workspace, List.of("a.py")))
                .isInstanceOf(RepoMapException.class)
                .hasMessageContaining("Python symbol parser")
                .hasMessageContaining("line 1");
    }

    @Test
    void compressedRecordsAreReadAsThePlainOnes() throws IOException {
        write("a.py", 10);
        write("b.py", 10);
        ScriptedSession session = new ScriptedSession(workspace, r -> {
            String plain = parsedFiles(r).stdout();
            java.util.zip.Deflater deflater = new java.util.zip.Deflater(1);
            deflater.setInput(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            deflater.finish();
            byte[] buffer = new byte[4096];
            int n = deflater.deflate(buffer);
            deflater.end();
            String line = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer, n));
            return exited(0, "Z\t" + line + "\n", "");
        });

        Map<String, FileSymbols> parsed = SandboxSymbolParser.of(session).parse(workspace, List.of("a.py", "b.py"));

        assertThat(parsed).containsOnlyKeys("a.py", "b.py");
        assertThat(parsed.get("b.py").definitions())
                .extracting(Definition::name)
                .containsExactly("fn");
    }

    @Test
    void damagedCompressedRecordsAreAnError() throws IOException {
        write("a.py", 10);
        ScriptedSession session = new ScriptedSession(workspace, r -> exited(0, "Z\teJzLSM3JyQcA\n", ""));

        assertThatThrownBy(() -> SandboxSymbolParser.of(session).parse(workspace, List.of("a.py")))
                .isInstanceOf(RepoMapException.class)
                .hasMessageContaining("Python symbol parser")
                .hasMessageContaining("compressed records");
    }

    @Test
    void theVersionChangesWithTheScripts() {
        ScriptedSession session = new ScriptedSession(workspace, SandboxSymbolParserTest::parsedFiles);
        String version = SandboxSymbolParser.of(session).version();

        assertThat(version).matches("s1-[0-9a-f]{12}");
        assertThat(new SymbolCache.CacheKey(version, "python", "ab12")).isNotNull();
    }
}
