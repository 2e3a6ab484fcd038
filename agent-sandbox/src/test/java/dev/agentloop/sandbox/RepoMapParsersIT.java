package dev.agentloop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.internal.repomap.Definition;
import dev.agentloop.core.internal.repomap.FileSymbols;
import dev.agentloop.core.internal.repomap.ImportRef;
import dev.agentloop.core.internal.repomap.IndexedFile;
import dev.agentloop.core.internal.repomap.ParseStatus;
import dev.agentloop.core.internal.repomap.RankQuery;
import dev.agentloop.core.internal.repomap.Ranking;
import dev.agentloop.core.internal.repomap.RepoMap;
import dev.agentloop.core.internal.repomap.SandboxSymbolParser;
import dev.agentloop.core.internal.repomap.SymbolCache;
import dev.agentloop.core.internal.repomap.SymbolKind;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository map's real parsers (Python's ast, acorn) run in the Docker sandbox images, through the session's
 * exec, on a small project; and a real pytest failure ranks the file with the bug first.
 */
class RepoMapParsersIT {

    @TempDir
    Path workspace;

    private DockerClient docker;
    private DockerSandbox sandbox;
    private SandboxSession session;

    @BeforeEach
    void connect() throws IOException {
        docker = TestEnvironment.docker();
        TestEnvironment.requireImage(docker, TestEnvironment.PYTHON_IMAGE);
        TestEnvironment.requireImage(docker, TestEnvironment.NODE_IMAGE);
        sandbox = DockerSandbox.builder()
                .dockerClient(docker)
                .config(SandboxConfig.builder()
                        .image(Language.PYTHON, TestEnvironment.PYTHON_IMAGE)
                        .image(Language.JAVASCRIPT, TestEnvironment.NODE_IMAGE)
                        .commandTimeout(Duration.ofSeconds(60))
                        .build())
                .build();
        writeProject();
    }

    @AfterEach
    void close() throws IOException {
        if (session != null) {
            session.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (docker != null) {
            docker.close();
        }
    }

    private SandboxSession open(Language language) {
        session =
                sandbox.open(new SandboxSpec(UUID.randomUUID(), language, ProjectType.LIBRARY, workspace, null, null));
        return session;
    }

    private void write(String path, String content) throws IOException {
        Path file = workspace.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private void writeProject() throws IOException {
        write("shapes/__init__.py", "from .geometry import Circle, area_of\n");
        write("shapes/geometry.py", """
                \"\"\"Plane geometry.\"\"\"
                import math
                from typing import Iterable

                UNIT: float = 1.0
                SCALE = 2


                class Circle:
                    \"\"\"A circle by its radius.

                    More text.
                    \"\"\"

                    def __init__(self, radius: float) -> None:
                        self.radius = radius

                    @property
                    def area(self) -> float:
                        return math.pi * self.radius ** 2

                    async def grow(self, by=1, *, step: int = 2, **kw):
                        self.radius += by


                def area_of(shapes: Iterable[Circle]) -> float:
                    \"\"\"Total area of the shapes.\"\"\"
                    return sum(s.area for s in shapes) * SCALE


                if math.pi > 3:
                    def fallback(x):
                        return x
                """);
        write("shapes/broken.py", "def oops(:\n    pass\n");
        write("tests/test_geometry.py", """
                from shapes import Circle, area_of


                def test_area_of_two_circles():
                    assert round(area_of([Circle(1), Circle(1)]), 5) == round(2 * 3.14159265, 5)
                """);
        write("web/geo.js", """
                'use strict';
                const util = require('./util');

                /** Distance between two points. */
                function distance(a, b = {x: 0, y: 0}) {
                  return Math.hypot(a.x - b.x, a.y - b.y);
                }

                class Point {
                  constructor(x, y) { this.x = x; this.y = y; }
                  /** Moves the point. */
                  move(dx, dy) { return new Point(this.x + dx, this.y + dy); }
                  static origin() { return new Point(0, 0); }
                }

                const scale = (p, k) => util.times(p, k);
                module.exports = { distance, Point, scale };
                """);
        write("web/util.js", "exports.times = function (p, k) { return {x: p.x * k, y: p.y * k}; };\n");
        write(
                "web/app.mjs",
                "import { distance } from './geo.js';\nexport default class App {}\nexport async function run(a) { return distance(a); }\n");
        write("web/bad.js", "function (\n");
    }

    private Set<String> workspaceFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(workspace)) {
            return walk.map(p -> workspace.relativize(p).toString()).collect(Collectors.toSet());
        }
    }

    private static FileSymbols symbols(RepoMap map, String path) {
        return map.index().file(path).flatMap(IndexedFile::symbols).orElseThrow();
    }

    private static Definition definition(FileSymbols symbols, String name) {
        return symbols.definitions().stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no definition " + name + " in " + symbols.definitions()));
    }

    @Test
    void pythonAstInThePythonImageReadsDefinitionsSignaturesDocstringsImportsAndReferences(@TempDir Path cache)
            throws IOException {
        write("ast.py", "# a project module shadowing the standard library's ast\nraise SystemExit('shadowed')\n");
        Set<String> before = workspaceFiles();
        RepoMap map =
                RepoMap.build(workspace, SandboxSymbolParser.of(open(Language.PYTHON)), SymbolCache.inFolder(cache));

        FileSymbols geometry = symbols(map, "shapes/geometry.py");
        assertThat(geometry.status()).isEqualTo(ParseStatus.PARSED);
        assertThat(geometry.definitions())
                .extracting(Definition::kind, Definition::name, Definition::parent)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SymbolKind.VARIABLE, "UNIT", ""),
                        org.assertj.core.groups.Tuple.tuple(SymbolKind.VARIABLE, "SCALE", ""),
                        org.assertj.core.groups.Tuple.tuple(SymbolKind.CLASS, "Circle", ""),
                        org.assertj.core.groups.Tuple.tuple(SymbolKind.METHOD, "__init__", "Circle"),
                        org.assertj.core.groups.Tuple.tuple(SymbolKind.METHOD, "area", "Circle"),
                        org.assertj.core.groups.Tuple.tuple(SymbolKind.METHOD, "grow", "Circle"),
                        org.assertj.core.groups.Tuple.tuple(SymbolKind.FUNCTION, "area_of", ""),
                        org.assertj.core.groups.Tuple.tuple(SymbolKind.FUNCTION, "fallback", ""));
        Definition circle = definition(geometry, "Circle");
        assertThat(circle.line()).isEqualTo(9);
        assertThat(circle.endLine()).isEqualTo(23);
        assertThat(circle.doc()).isEqualTo("A circle by its radius.");
        assertThat(definition(geometry, "__init__").signature()).isEqualTo("def __init__(self, radius: float) -> None");
        assertThat(definition(geometry, "area").line())
                .as("the def line, not the decorator's")
                .isEqualTo(19);
        assertThat(definition(geometry, "grow").signature())
                .isEqualTo("async def grow(self, by=1, *, step: int=2, **kw)");
        assertThat(definition(geometry, "area_of").doc()).isEqualTo("Total area of the shapes.");
        assertThat(definition(geometry, "UNIT").signature()).isEqualTo("UNIT: float = 1.0");
        assertThat(geometry.imports())
                .containsExactly(new ImportRef("math", List.of()), new ImportRef("typing", List.of("Iterable")));
        assertThat(geometry.references())
                .containsEntry("radius", 2)
                .containsEntry("SCALE", 1)
                .containsEntry("pi", 2);

        assertThat(symbols(map, "shapes/__init__.py").imports())
                .containsExactly(new ImportRef(".geometry", List.of("Circle", "area_of")));
        FileSymbols broken = symbols(map, "shapes/broken.py");
        assertThat(broken.status()).isEqualTo(ParseStatus.SYNTAX_ERROR);
        assertThat(broken.message()).startsWith("line 1: ");
        assertThat(symbols(map, "ast.py").status())
                .as("the project's ast.py does not shadow the parser's")
                .isEqualTo(ParseStatus.PARSED);
        assertThat(symbols(map, "web/geo.js").status())
                .as("no node in the Python image")
                .isEqualTo(ParseStatus.FAILED);
        assertThat(symbols(map, "web/geo.js").message())
                .contains("JavaScript symbol parser")
                .contains("cannot run");
        assertThat(workspaceFiles()).as("nothing written to the workspace").isEqualTo(before);

        RepoMap again = RepoMap.build(workspace, SandboxSymbolParser.of(session), SymbolCache.inFolder(cache));
        assertThat(again.buildStats().parsed())
                .as("only the JavaScript files, whose parser could not run, are parsed again")
                .isEqualTo(4);
    }

    @Test
    void pythonFilesParsedOnSeveralProcessesGetTheSameSymbolsAsOnOneAndNoFileIsLeftInTheSandbox() throws IOException {
        List<String> paths = new java.util.ArrayList<>();
        for (int i = 0; i < 3 * SandboxSymbolParser.PARALLEL_MIN_FILES; i++) {
            String path = "many/m" + i + ".py";
            paths.add(path);
            // sizes differ, so that the largest-first order differs from the given one
            write(
                    path,
                    "import os\n\n\nclass C" + i + ":\n    \"\"\"Doc " + i + ".\"\"\"\n\n"
                            + "    def run(self, x: int = " + i + ") -> int:\n        return os.getpid() + x\n"
                            + "\ndef helper_" + i + "(y):\n" + "    return y\n".repeat(1 + i % 7));
        }
        paths.add("shapes/broken.py");
        SandboxSession python = open(Language.PYTHON);

        Map<String, FileSymbols> several =
                SandboxSymbolParser.builder().session(python).cpus(2).build().parse(workspace, paths);
        Map<String, FileSymbols> one =
                SandboxSymbolParser.builder().session(python).cpus(1).build().parse(workspace, paths);

        assertThat(several).containsOnlyKeys(paths);
        assertThat(several).isEqualTo(one);
        assertThat(several.get("many/m5.py").definitions())
                .extracting(Definition::name)
                .containsExactly("C5", "run", "helper_5");
        assertThat(several.get("shapes/broken.py").status()).isEqualTo(ParseStatus.SYNTAX_ERROR);
        ExecResult spools = python.exec(ExecRequest.shell("ls -a /tmp"));
        assertThat(spools.stdout()).doesNotContain("agentloop-symbols");
    }

    @Test
    void acornInTheNodeImageReadsFunctionsClassesMethodsExportsAndImports() throws IOException {
        RepoMap map = RepoMap.build(workspace, SandboxSymbolParser.of(open(Language.JAVASCRIPT)), SymbolCache.none());

        FileSymbols geo = symbols(map, "web/geo.js");
        assertThat(geo.status()).isEqualTo(ParseStatus.PARSED);
        assertThat(geo.definitions())
                .extracting(Definition::kind, Definition::name, Definition::parent, Definition::signature)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                SymbolKind.FUNCTION, "distance", "", "function distance(a, b = {x: 0, y: 0})"),
                        org.assertj.core.groups.Tuple.tuple(SymbolKind.CLASS, "Point", "", "class Point"),
                        org.assertj.core.groups.Tuple.tuple(SymbolKind.METHOD, "move", "Point", "move(dx, dy)"),
                        org.assertj.core.groups.Tuple.tuple(SymbolKind.METHOD, "origin", "Point", "static origin()"),
                        org.assertj.core.groups.Tuple.tuple(
                                SymbolKind.FUNCTION, "scale", "", "const scale = (p, k) =>"));
        assertThat(definition(geo, "distance").doc()).isEqualTo("Distance between two points.");
        assertThat(definition(geo, "move").doc()).isEqualTo("Moves the point.");
        assertThat(geo.imports()).containsExactly(new ImportRef("./util", List.of()));
        assertThat(geo.references()).containsKeys("times", "hypot", "Point");

        assertThat(symbols(map, "web/util.js").definitions())
                .extracting(Definition::name)
                .containsExactly("times");
        FileSymbols app = symbols(map, "web/app.mjs");
        assertThat(app.definitions()).extracting(Definition::name).containsExactly("App", "run");
        assertThat(app.imports()).containsExactly(new ImportRef("./geo.js", List.of()));
        assertThat(symbols(map, "web/bad.js").status()).isEqualTo(ParseStatus.SYNTAX_ERROR);
        assertThat(symbols(map, "shapes/geometry.py").status())
                .as("no python3 in the node image")
                .isEqualTo(ParseStatus.FAILED);
    }

    @Test
    void aRealNodeTestFailureRanksTheFileWithTheBugFirst() throws IOException {
        write("web/geo.test.js", """
                const test = require('node:test');
                const assert = require('node:assert');
                const { distance } = require('./geo');
                test('distance of a 3-4-5 triangle', () => {
                  assert.strictEqual(distance({x: 0, y: 0}, {x: 3, y: 4}), 4);
                });
                """);
        SandboxSession node = open(Language.JAVASCRIPT);
        RepoMap map = RepoMap.build(workspace, SandboxSymbolParser.of(node), SymbolCache.none());
        ExecResult run = node.exec(
                new ExecRequest(List.of("node", "--test", "web/geo.test.js"), "", Map.of(), Duration.ofSeconds(60)));
        assertThat(run.exitCode()).as(run.stdout()).isEqualTo(1);

        Ranking ranking = map.rank(RankQuery.of("Make the failing test pass", run.stdout() + run.stderr()));

        assertThat(ranking.files().get(0).path())
                .as(run.stdout() + "\n" + ranking.files())
                .isEqualTo("web/geo.js");
        assertThat(ranking.definitions().get(0).definition().name())
                .as(ranking.definitions().toString())
                .isEqualTo("distance");
    }

    @Test
    void aRealPytestFailureRanksTheFileWithTheBugFirst() throws IOException {
        SandboxSession python = open(Language.PYTHON);
        RepoMap map = RepoMap.build(workspace, SandboxSymbolParser.of(python), SymbolCache.none());
        ExecResult pytest = python.exec(new ExecRequest(
                List.of("python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"),
                "",
                Map.of("PYTHONDONTWRITEBYTECODE", "1"),
                Duration.ofSeconds(60)));
        assertThat(pytest.exitCode()).as(pytest.stdout()).isEqualTo(1);

        Ranking ranking = map.rank(RankQuery.of("Make the failing test pass", pytest.stdout()));

        assertThat(ranking.files().get(0).path())
                .as(pytest.stdout() + "\n" + ranking.files())
                .isEqualTo("shapes/geometry.py");
        assertThat(ranking.definitions().get(0).definition().name())
                .as(ranking.definitions().toString())
                .isEqualTo("area_of");
    }
}
