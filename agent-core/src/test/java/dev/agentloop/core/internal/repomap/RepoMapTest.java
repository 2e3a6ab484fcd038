package dev.agentloop.core.internal.repomap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.agentloop.core.model.ApproxTokenCountEstimator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoMapTest {

    @TempDir
    Path root;

    @TempDir
    Path cacheDir;

    private final FakeSymbolParser parser = new FakeSymbolParser();

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private void smallPackage() throws IOException {
        write("pkg/a.py", "def alpha(x)\n    return x\n");
        write("pkg/b.py", "import pkg.a\ndef beta(y)\n    total = alpha(y)\n    check(total)\n    return total\n");
        write("pkg/c.py", "def gamma(z)\n    return z\n");
        write("tests/test_b.py", "import pkg.b\ndef test_beta()\n    assert beta(1) == 2\n");
    }

    @Test
    void fileOfTheInnermostTracebackFrameRanksFirstAndItsFunctionLeadsTheDefinitions() throws IOException {
        smallPackage();
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());

        Ranking ranking = map.rank(RankQuery.of("Fix the failing test", """
                Traceback (most recent call last):
                  File "/workspace/tests/test_b.py", line 3, in test_beta
                    assert beta(1) == 2
                  File "/workspace/pkg/b.py", line 4, in beta
                    check(total)
                ValueError: bad total
                """));

        assertThat(ranking.files().get(0).path()).isEqualTo("pkg/b.py");
        assertThat(ranking.files().get(0).signals()).containsKey(RankSignal.TRACEBACK);
        assertThat(ranking.definitions().get(0).path()).isEqualTo("pkg/b.py");
        assertThat(ranking.definitions().get(0).definition().name()).isEqualTo("beta");
    }

    @Test
    void fileManyOthersReferenceRanksAboveAnIsolatedOne() throws IOException {
        write("core.py", "def compute_total(items)\n    return items\n");
        write("lonely.py", "def lonely_helper(v)\n    return v\n");
        for (int i = 1; i <= 5; i++) {
            write("user" + i + ".py", "def use" + i + "()\n    compute_total(" + i + ")\n");
        }
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());

        Ranking neutral = map.rank(RankQuery.of("improve the code"));
        assertThat(neutral.rankOf("core.py").orElseThrow())
                .isLessThan(neutral.rankOf("lonely.py").orElseThrow());

        // Seeded by one user, the file it uses rises above the files it does not use.
        Ranking seeded = map.rank(RankQuery.of("", "File \"user3.py\", line 2, in use3"));
        assertThat(seeded.topFiles(2)).containsExactly("user3.py", "core.py");
        assertThat(seeded.files().get(1).signals()).containsKey(RankSignal.GRAPH);
    }

    @Test
    void anAssertionFailingInATestPointsAtTheCodeTheTestUsesNotAtTheFrameworkEveryTestUses() throws IOException {
        write("calc.py", "def divide(a, b)\n    return a\n");
        write("other.py", "def unrelated()\n    return 0\n");
        write("framework.py", "def assert_equal(a, b)\n    return a\n");
        for (String name : List.of("a", "b", "c", "d", "e")) {
            write("tests/test_" + name + ".py", "import framework\ndef test_" + name + "()\n    assert_equal(1, 1)\n");
        }
        write(
                "tests/test_calc.py",
                "import calc\nimport framework\ndef test_divide_by_two()\n    assert_equal(divide(4, 2), 2)\n"
                        + "    assert_equal(divide(6, 2), 3)\n");
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());

        Ranking ranking = map.rank(RankQuery.of("", """
                FAIL: test_divide_by_two (tests.test_calc.CalcTest.test_divide_by_two)
                Traceback (most recent call last):
                  File "/workspace/tests/test_calc.py", line 4, in test_divide_by_two
                    assert_equal(divide(4, 2), 2)
                AssertionError: 4 != 2
                """));

        assertThat(ranking.files().get(0).path()).isEqualTo("calc.py");
        assertThat(ranking.files().get(0).signals()).containsKey(RankSignal.TESTS);
        assertThat(ranking.rankOf("framework.py").orElseThrow()).isGreaterThan(0);
        assertThat(ranking.definitions().get(0).definition().name()).isEqualTo("divide");
    }

    @Test
    void aNameDefinedInSeveralFilesPointsAtTheOneTheUserImports() throws IOException {
        write("mine.py", "def helper_function()\n    return 1\n");
        write("theirs.py", "def helper_function()\n    return 2\n");
        write("user.py", "import mine\ndef main()\n    helper_function()\n");
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());
        SymbolIndex index = map.index();
        int user = index.id("user.py");

        double toMine = index.graph().weight(user, index.id("mine.py"));
        double toTheirs = index.graph().weight(user, index.id("theirs.py"));

        assertThat(toTheirs).isPositive();
        assertThat(toMine - ReferenceGraph.IMPORT_WEIGHT).isGreaterThan(5 * toTheirs);
    }

    @Test
    void aFailingTestsNameLeadsToTheFunctionItTests() throws IOException {
        write("net.py", "def num_addresses(n)\n    return n\ndef num_hosts(n)\n    return n\n");
        write("tests/test_net.py", "import net\ndef test_num_addresses()\n    num_addresses(4)\n    num_hosts(4)\n");
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());

        Ranking ranking = map.rank(RankQuery.of("FAILED tests/test_net.py::test_num_addresses - assert 3 == 4"));

        assertThat(ranking.definitions().get(0).path()).isEqualTo("net.py");
        assertThat(ranking.definitions().get(0).definition().name()).isEqualTo("num_addresses");
    }

    @Test
    void exactNameOfADefinitionInTheTaskRanksItsFileFirst() throws IOException {
        smallPackage();
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());

        Ranking ranking = map.rank(RankQuery.of("gamma returns the wrong value for negative input"));

        assertThat(ranking.files().get(0).path()).isEqualTo("pkg/c.py");
        assertThat(ranking.definitions().get(0).definition().name()).isEqualTo("gamma");
    }

    @Test
    void testFilesRankBelowTheCodeTheyTestOnEqualEvidence() throws IOException {
        write("calc.py", "def divide(a, b)\n    return a\n");
        write("tests/test_calc.py", "def test_divide()\n    divide(1, 2)\n");
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());

        Ranking ranking = map.rank(RankQuery.of("calc.py:2 and tests/test_calc.py:2 both print"));

        assertThat(ranking.topFiles(2)).containsExactly("calc.py", "tests/test_calc.py");
        assertThat(ranking.files().get(1).test()).isTrue();
    }

    @Test
    void renderingStaysWithinTheBudgetForEveryBudget() throws IOException {
        smallPackage();
        for (int i = 0; i < 30; i++) {
            write(
                    "mod/m" + i + ".py",
                    "class Thing" + i + "\n    def run(self, value)\n        return value\ndef helper" + i
                            + "(a, b)\n    return a\n");
        }
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());
        Ranking ranking = map.rank(RankQuery.of("beta fails"));
        ApproxTokenCountEstimator estimator = new ApproxTokenCountEstimator();

        for (int budget : new int[] {0, 10, 40, 100, 300, 1000, 5000}) {
            RenderedMap rendered = map.render(ranking, budget, estimator);
            assertThat(rendered.tokens()).as("budget %d", budget).isLessThanOrEqualTo(budget);
            assertThat(estimator.estimateTokenCountInText(rendered.text())).isEqualTo(rendered.tokens());
        }
        RenderedMap large = map.render(ranking, 5000, estimator);
        assertThat(large.mappedFiles())
                .hasSize(map.index().size() - large.wholeFiles().size());
        RenderedMap small = map.render(ranking, 100, estimator);
        assertThat(small.mappedFiles().size()).isLessThan(large.mappedFiles().size());
    }

    @Test
    void bestFileGoesWholeWithLineNumbersAndTheRestAsMapLines() throws IOException {
        smallPackage();
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());
        Ranking ranking = map.rank(RankQuery.of("", "File \"pkg/b.py\", line 3, in beta"));

        RenderedMap rendered = map.render(ranking, 2000, new ApproxTokenCountEstimator());

        assertThat(rendered.wholeFiles()).startsWith("pkg/b.py");
        assertThat(rendered.text())
                .startsWith("pkg/b.py (whole file):\n1| import pkg.a\n2| def beta(y)\n3|     total = alpha(y)\n");
        assertThat(rendered.text()).contains("pkg/c.py:\n  1| def gamma(z)\n");
        assertThat(rendered.text().indexOf("pkg/b.py (whole file)"))
                .isLessThan(rendered.text().indexOf("pkg/c.py:"));
    }

    @Test
    void aFileThatDoesNotFitShowsItsBestDefinitionsUnderTheirClass() throws IOException {
        StringBuilder big = new StringBuilder("class Big\n");
        for (int i = 0; i < 40; i++) {
            big.append("    def method_number_")
                    .append(i)
                    .append("(self)\n        return ")
                    .append(i)
                    .append('\n');
        }
        big.append("    def target_method(self)\n        return 0\n");
        write("big.py", big.toString());
        RepoMap map = RepoMap.builder()
                .root(root)
                .parser(parser)
                .renderOptions(new RenderOptions(0, 0.5, 0.25))
                .build();
        Ranking ranking = map.rank(RankQuery.of("target_method returns the wrong value"));

        RenderedMap rendered = map.render(ranking, 40, new ApproxTokenCountEstimator());

        assertThat(rendered.mappedFiles()).containsExactly("big.py");
        assertThat(rendered.text())
                .startsWith("big.py:\n   1| class Big\n")
                .contains("|     def target_method(self)\n")
                .doesNotContain("method_number_39");
    }

    @Test
    void methodsAreIndentedUnderTheirClassInMapLines() throws IOException {
        write("shapes.py", "class Circle\n    def area(self)\n        return 1\n\ndef unit()\n    return 1\n");
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());

        String block = MapRenderer.mapBlock(
                map.index().file("shapes.py").orElseThrow(),
                map.index().file("shapes.py").orElseThrow().definitions());

        assertThat(block).isEqualTo("shapes.py:\n  1| class Circle\n  2|     def area(self)\n  5| def unit()\n");
    }

    @Test
    void binaryLargeAndBrokenFilesAreListedNeverParsedNorShown() throws IOException {
        write("ok.py", "def fine()\n    return 1\n");
        write("big.py", "def huge()\n" + "    x = 1\n".repeat(200));
        write("broken.py", "!syntax\n");
        Files.write(root.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
        Files.write(root.resolve("blob.py"), new byte[] {'d', 'e', 'f', 0, 1});
        RepoMap map =
                RepoMap.builder().root(root).parser(parser).maxFileBytes(1000).build();

        assertThat(parser.parsed()).containsExactlyInAnyOrder("ok.py", "broken.py");
        assertThat(kind(map, "big.py")).isEqualTo(FileKind.TOO_LARGE);
        assertThat(kind(map, "logo.png")).isEqualTo(FileKind.BINARY);
        assertThat(kind(map, "blob.py")).isEqualTo(FileKind.BINARY);
        Ranking ranking = map.rank(RankQuery.of("big.py logo.png blob.py huge"));
        RenderedMap rendered = map.render(ranking, 10_000, new ApproxTokenCountEstimator());
        assertThat(rendered.text())
                .contains("big.py [")
                .contains("over the size limit, not shown]")
                .contains("logo.png [binary, not shown]")
                .contains("blob.py [binary, not shown]")
                .contains("broken.py [not parsed: line 1: invalid syntax]")
                .doesNotContain("x = 1");
        assertThat(rendered.wholeFiles()).doesNotContain("big.py", "logo.png", "blob.py");
    }

    @Test
    void symbolicLinkOutOfTheRootIsListedAndNotFollowed(@TempDir Path outside) throws IOException {
        write("inside.py", "def inside()\n    return 1\n");
        Files.writeString(outside.resolve("secret.py"), "def secret()\n    return 42\n");
        Files.createSymbolicLink(root.resolve("escape.py"), outside.resolve("secret.py"));
        Files.createSymbolicLink(root.resolve("alias.py"), root.resolve("inside.py"));
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());

        assertThat(kind(map, "escape.py")).isEqualTo(FileKind.LINK_OUTSIDE);
        assertThat(kind(map, "alias.py")).isEqualTo(FileKind.LINK);
        assertThat(parser.parsed()).containsExactly("inside.py");
        RenderedMap rendered =
                map.render(map.rank(RankQuery.of("secret escape.py")), 10_000, new ApproxTokenCountEstimator());
        assertThat(rendered.text())
                .contains("escape.py [symbolic link out of the repository, not followed]")
                .doesNotContain("42");
    }

    @Test
    void versionControlDependencyAndCacheFoldersAreSkipped() throws IOException {
        write("app.py", "def app()\n    return 1\n");
        write(".git/hooks/x.py", "def hook()\n");
        write("node_modules/lib/index.js", "def lib()\n");
        write("pkg/__pycache__/m.py", "def cached()\n");
        write("env/pyvenv.cfg", "home = /usr\n");
        write("env/lib/site.py", "def site()\n");

        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());

        assertThat(map.index().files()).extracting(IndexedFile::path).containsExactly("app.py");
        assertThat(map.update(List.of("node_modules/lib/index.js")).isEmpty()).isTrue();
    }

    @Test
    void aWorktreesGitFileIsNotListed() throws IOException {
        write("app.py", "def app()\n    return 1\n");
        write(".git", "gitdir: /elsewhere/.git/worktrees/app\n");

        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());

        assertThat(map.index().files()).extracting(IndexedFile::path).containsExactly("app.py");
    }

    @Test
    void unchangedFilesAreNotParsedAgainAndAnEditedOneIs() throws IOException {
        smallPackage();
        SymbolCache cache = SymbolCache.inFolder(cacheDir);
        RepoMap first = RepoMap.build(root, parser, cache);
        assertThat(parser.parsed()).hasSize(4);
        assertThat(first.buildStats().parsed()).isEqualTo(4);

        RepoMap second = RepoMap.build(root, parser, cache);
        assertThat(parser.parsed())
                .as("a second build finds everything in the cache")
                .hasSize(4);
        assertThat(second.buildStats().cacheHits()).isEqualTo(4);
        assertThat(second.index().file("pkg/b.py").orElseThrow().definitions())
                .extracting(Definition::name)
                .containsExactly("beta");

        MapChange untouched = second.update(List.of("pkg/a.py"));
        assertThat(untouched.isEmpty()).isTrue();
        assertThat(parser.calls()).isEqualTo(1);

        write("pkg/a.py", "def alpha(x)\n    return x\ndef alpha2(x)\n    return x\n");
        MapChange edited = second.update(List.of("pkg/a.py"));
        assertThat(edited.changed()).containsExactly("pkg/a.py");
        assertThat(edited.parsed()).isEqualTo(1);
        assertThat(parser.parsed()).hasSize(5).last().isEqualTo("pkg/a.py");
        assertThat(second.index().file("pkg/a.py").orElseThrow().definitions())
                .extracting(Definition::name)
                .containsExactly("alpha", "alpha2");
    }

    @Test
    void filesWithTheSameContentAreParsedOnce() throws IOException {
        write("one/util.py", "def shared()\n    return 1\n");
        write("two/util.py", "def shared()\n    return 1\n");

        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());

        assertThat(parser.parsed()).hasSize(1);
        assertThat(map.index().file("two/util.py").orElseThrow().definitions()).hasSize(1);
    }

    @Test
    void updateFindsAddedAndRemovedFilesAndTheirNamesMoveWithThem() throws IOException {
        smallPackage();
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());

        write("pkg/d.py", "def delta_function(q)\n    return q\n");
        Files.delete(root.resolve("pkg/c.py"));
        MapChange change = map.update(List.of("pkg/d.py", "pkg/c.py"));

        assertThat(change.added()).containsExactly("pkg/d.py");
        assertThat(change.removed()).containsExactly("pkg/c.py");
        assertThat(map.index().file("pkg/c.py")).isEmpty();
        assertThat(map.rank(RankQuery.of("delta_function is wrong")).topFiles(1))
                .containsExactly("pkg/d.py");
        assertThat(map.rank(RankQuery.of("gamma")).files())
                .extracting(RankedFile::path)
                .doesNotContain("pkg/c.py");
    }

    @Test
    void renamingADefinitionMovesTheEdgesOfFilesThatUseIt() throws IOException {
        write("lib.py", "def old_name()\n    return 1\n");
        write("other.py", "def new_name()\n    return 2\n");
        write("user.py", "def main()\n    new_name()\n");
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());
        int user = map.index().id("user.py");
        assertThat(map.index().graph().weight(user, map.index().id("other.py"))).isPositive();
        assertThat(map.index().graph().weight(user, map.index().id("lib.py"))).isZero();

        write("lib.py", "def new_name()\n    return 1\n");
        write("other.py", "def something_else()\n    return 2\n");
        map.update(List.of("lib.py", "other.py"));

        assertThat(map.index().graph().weight(user, map.index().id("lib.py"))).isPositive();
        assertThat(map.index().graph().weight(user, map.index().id("other.py"))).isZero();
    }

    @Test
    void refreshFindsChangesMadeBehindTheMapsBack() throws IOException {
        smallPackage();
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());

        write("pkg/c.py", "def gamma(z)\n    return -z\ndef epsilon()\n    return 0\n");
        write("pkg/new.py", "def novel()\n    return 0\n");
        MapChange change = map.refresh();

        assertThat(change.changed()).containsExactly("pkg/c.py");
        assertThat(change.added()).containsExactly("pkg/new.py");
        assertThat(change.parsed()).isEqualTo(2);
    }

    @Test
    void updateRejectsAPathOutsideTheRoot() throws IOException {
        smallPackage();
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());

        assertThatThrownBy(() -> map.update(List.of("../elsewhere.py")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../elsewhere.py")
                .hasMessageContaining("outside the map's root");
    }

    @Test
    void aRootThatIsNotAFolderIsRejectedWithItsPath() throws IOException {
        Path file = Files.writeString(root.resolve("plain.txt"), "x");

        assertThatThrownBy(() -> RepoMap.build(file, parser, SymbolCache.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The map's root " + file + " is not a folder");
    }

    @Test
    void anEmptyFolderHasAnEmptyMap() {
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());

        Ranking ranking = map.rank(RankQuery.of("anything", "File \"a.py\", line 1, in f"));

        assertThat(ranking.files()).isEmpty();
        assertThat(ranking.definitions()).isEmpty();
        assertThat(map.render(ranking, 100, new ApproxTokenCountEstimator()).text())
                .isEmpty();
        assertThat(parser.calls()).isZero();
    }

    @Test
    void focusFilesAreSeededLikeTheInnermostFrame() throws IOException {
        smallPackage();
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());

        Ranking ranking = map.rank(RankQuery.of("tidy up").withFocus(List.of("pkg/c.py", "no/such/file.py")));

        assertThat(ranking.files().get(0).path()).isEqualTo("pkg/c.py");
        assertThat(ranking.files().get(0).signals()).containsKey(RankSignal.FOCUS);
    }

    @Test
    void rankingIsAFunctionOfTheIndexAndTheQuery() throws IOException {
        smallPackage();
        RepoMap map = RepoMap.build(root, parser, SymbolCache.none());
        RankQuery query = RankQuery.of("beta alpha", "File \"pkg/b.py\", line 3, in beta");

        Ranking once = MapRanker.ofDefaults().rank(map.index(), query);
        Ranking again = MapRanker.ofDefaults().rank(map.index(), query);

        assertThat(again).isEqualTo(once);
        assertThat(map.rank(query)).isEqualTo(once);
    }

    @Test
    void aMapBuiltAtOnceOnAllCoresEqualsOneBuiltUpByUpdates() throws IOException {
        // More files than are read and graphed on one thread: the parallel build must match the incremental one.
        int n = 2 * ReferenceGraph.PARALLEL_ROWS + 10;
        List<String> paths = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String path = "pkg" + (i % 7) + "/mod" + i + ".py";
            paths.add(path);
            write(
                    path,
                    "import pkg" + ((i * 3) % 7) + ".mod" + ((i * 3) % n) + "\n"
                            + "def func_" + i + "(x)\n"
                            + "    return func_" + ((i * 7) % n) + "(x) + func_" + ((i * 13) % n) + "(x) + shared_"
                            + (i % 5)
                            + "(x)\n"
                            + "def shared_" + (i % 5) + "(y)\n"
                            + "    return y\n");
        }
        RepoMap atOnce = RepoMap.build(root, parser, SymbolCache.inFolder(cacheDir));

        Path other = Files.createTempDirectory(cacheDir, "copy");
        for (String path : paths.subList(0, 10)) {
            Files.createDirectories(other.resolve(path).getParent());
            Files.copy(root.resolve(path), other.resolve(path));
        }
        RepoMap builtUp = RepoMap.build(other, new FakeSymbolParser(), SymbolCache.none());
        for (int from = 10; from < n; from += 100) {
            List<String> batch = paths.subList(from, Math.min(n, from + 100));
            for (String path : batch) {
                Files.createDirectories(other.resolve(path).getParent());
                Files.copy(root.resolve(path), other.resolve(path));
            }
            builtUp.update(batch);
        }

        SymbolIndex a = atOnce.index();
        SymbolIndex b = builtUp.index();
        assertThat(b.size()).isEqualTo(a.size()).isEqualTo(n);
        for (String name : List.of("func_0", "func_77", "shared_3")) {
            assertThat(paths(a, a.definers(name))).isEqualTo(paths(b, b.definers(name)));
        }
        int edges = 0;
        for (String from : paths) {
            for (String to : paths) {
                double weight = a.graph().weight(a.id(from), a.id(to));
                assertThat(b.graph().weight(b.id(from), b.id(to)))
                        .as("%s -> %s", from, to)
                        .isCloseTo(weight, within(1e-9));
                edges += weight > 0 ? 1 : 0;
            }
        }
        assertThat(edges).isGreaterThan(2 * n);
        RankQuery query = RankQuery.of("fix func_42", "File \"pkg0/mod42.py\", line 3, in func_42");
        assertThat(builtUp.rank(query).topFiles(10))
                .isEqualTo(atOnce.rank(query).topFiles(10));
        assertThat(atOnce.rank(query)).isEqualTo(atOnce.rank(query));
    }

    private static java.util.Set<String> paths(SymbolIndex index, int[] ids) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (int id : ids) {
            out.add(index.file(id).path());
        }
        return out;
    }

    private static FileKind kind(RepoMap map, String path) {
        return map.index().file(path).orElseThrow().entry().kind();
    }
}
