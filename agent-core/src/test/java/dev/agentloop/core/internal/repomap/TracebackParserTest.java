package dev.agentloop.core.internal.repomap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TracebackParserTest {

    @Test
    void pythonTracebackEndsWithTheInnermostFrame() {
        List<Frame> frames = TracebackParser.parse("""
                Traceback (most recent call last):
                  File "/workspace/tests/test_b.py", line 12, in test_b
                    assert beta(1) == 2
                  File "/workspace/pkg/b.py", line 4, in beta
                    check(total)
                ValueError: bad total
                """);

        assertThat(frames)
                .containsExactly(
                        new Frame("/workspace/tests/test_b.py", 12, "test_b", false, Frame.Kind.STACK),
                        new Frame("/workspace/pkg/b.py", 4, "beta", true, Frame.Kind.STACK));
    }

    @Test
    void pytestLongOutputMarksTheErrorLineAndReadsNodeIds() {
        List<Frame> frames = TracebackParser.parse("""
                ___________________________ test_parse ___________________________

                    def test_parse():
                >       assert parse("1") == 1

                tests/test_p.py:8:
                _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _
                src/p.py:20: in parse
                    return convert(text)
                _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _

                    def convert(text):
                >       raise ValueError(text)
                E       ValueError: 1

                src/p.py:31: ValueError
                =========================== short test summary info ===========================
                FAILED tests/test_p.py::test_parse - ValueError: 1
                """);

        assertThat(frames)
                .containsExactly(
                        new Frame("tests/test_p.py", 8, "", false, Frame.Kind.STACK),
                        new Frame("src/p.py", 20, "parse", false, Frame.Kind.STACK),
                        new Frame("src/p.py", 31, "", true, Frame.Kind.STACK),
                        new Frame("tests/test_p.py", 0, "test_parse", false, Frame.Kind.TEST_ID));
    }

    @Test
    void javascriptStackStartsWithTheInnermostFrame() {
        List<Frame> frames = TracebackParser.parse("""
                TypeError: Cannot read properties of undefined (reading 'x')
                    at point (/workspace/lib/geo.js:14:11)
                    at Object.<anonymous> (file:///workspace/test/geo.test.js:5:3)
                    at node:internal/modules/cjs/loader:1105:14
                """);

        assertThat(frames)
                .containsExactly(
                        new Frame("/workspace/lib/geo.js", 14, "point", true, Frame.Kind.STACK),
                        new Frame(
                                "file:///workspace/test/geo.test.js",
                                5,
                                "Object.<anonymous>",
                                false,
                                Frame.Kind.STACK));
    }

    @Test
    void nodesTapReporterStackIsAStackToo() {
        List<Frame> frames = TracebackParser.parse("""
                not ok 1 - distance of a 3-4-5 triangle
                  ---
                  location: '/workspace/test/geo.test.js:4:1'
                  stack: |-
                    TestContext.<anonymous> (/workspace/test/geo.test.js:5:10)
                    Test.runInAsyncScope (node:async_hooks:203:9)
                  ...
                """);

        assertThat(frames)
                .containsExactly(
                        new Frame("/workspace/test/geo.test.js", 4, "", false, Frame.Kind.LOCATION),
                        new Frame("/workspace/test/geo.test.js", 5, "TestContext.<anonymous>", true, Frame.Kind.STACK));
    }

    @Test
    void locationsAndBareFileNamesAreWeakerPlaces() {
        List<Frame> frames =
                TracebackParser.parse("  location: '/workspace/test/a.test.js:3:1'\nsee utils/strings.py for details");

        assertThat(frames)
                .containsExactly(
                        new Frame("/workspace/test/a.test.js", 3, "", false, Frame.Kind.LOCATION),
                        new Frame("utils/strings.py", 0, "", false, Frame.Kind.MENTION));
    }

    @Test
    void unittestFailureHeadersNameTheTestAndItsModule() {
        List<Frame> frames = TracebackParser.parse(
                "======\nFAIL: test_decimal (test.test_json.test_decode.TestCDecode.test_decimal)\n------\n");

        assertThat(frames)
                .containsExactly(
                        new Frame("test/test_json/test_decode.py", 0, "test_decimal", false, Frame.Kind.TEST_ID));
    }

    @Test
    void twoTracebacksHaveAnInnermostFrameEach() {
        String one = "Traceback (most recent call last):\n  File \"a.py\", line 1, in f\n    g()\n"
                + "  File \"b.py\", line 2, in g\n    raise X\nX\n";
        List<Frame> frames = TracebackParser.parse(one + "\n\n\n\n\n\n\n" + one.replace("b.py", "c.py"));

        assertThat(frames)
                .extracting(Frame::path, Frame::innermost)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a.py", false),
                        org.assertj.core.groups.Tuple.tuple("b.py", true),
                        org.assertj.core.groups.Tuple.tuple("a.py", false),
                        org.assertj.core.groups.Tuple.tuple("c.py", true));
    }
}
