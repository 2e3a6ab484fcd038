package dev.agentloop.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.spi.ExecStatus;
import dev.agentloop.core.spi.TestStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsersTest {

    @Test
    void junitXmlGivesOneCasePerTestAndSeparatesCollectionErrors() {
        String xml = """
                <?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" tests="4">
                <testcase classname="test_a" name="test_ok" time="0.001"/>
                <testcase classname="test_a" name="test_bad" time="0.002"><failure message="assert 1 == 2">trace</failure></testcase>
                <testcase classname="test_a" name="test_skip"><skipped message="later"/></testcase>
                <testcase classname="" name="test_b"><error message="collection failure">E   SyntaxError: invalid syntax</error></testcase>
                </testsuite></testsuites>""";
        JUnitXmlParser.Parsed parsed = JUnitXmlParser.parse(xml);
        assertThat(parsed.cases())
                .extracting(c -> c.name() + ":" + c.status())
                .containsExactly("test_ok:PASSED", "test_bad:FAILED", "test_skip:SKIPPED");
        assertThat(parsed.collectionErrors())
                .singleElement()
                .satisfies(c ->
                        assertThat(JUnitXmlParser.lastErrorLine(c.trace())).isEqualTo("SyntaxError: invalid syntax"));
    }

    @Test
    void junitXmlWithADoctypeIsRefused() {
        assertThatThrownBy(() ->
                        JUnitXmlParser.parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tapOfNode18NestedUnderFilesGivesLeafCases() {
        String tap = String.join(
                "\n",
                "TAP version 13",
                "# Subtest: /workspace/sum.test.js",
                "    # Subtest: adds",
                "    ok 1 - adds",
                "      ---",
                "      duration_ms: 1.5",
                "      ...",
                "    # Subtest: wrong",
                "    not ok 2 - wrong",
                "      ---",
                "      duration_ms: 2",
                "      location: '/workspace/sum.test.js:5:1'",
                "      failureType: 'testCodeFailure'",
                "      error: |-",
                "        Expected values to be strictly equal:",
                "        3 !== 4",
                "      code: 'ERR_ASSERTION'",
                "      stack: |-",
                "        at sum.test.js:5:20",
                "      ...",
                "    1..2",
                "not ok 1 - /workspace/sum.test.js",
                "  ---",
                "  failureType: 'subtestsFailed'",
                "  exitCode: 1",
                "  ...",
                "1..1",
                "# tests 2");
        TapParser.Parsed parsed = TapParser.parse(tap, "/workspace");
        assertThat(parsed.loadErrors()).isEmpty();
        assertThat(parsed.cases())
                .extracting(c -> c.name() + ":" + c.status())
                .containsExactly("adds:PASSED", "wrong:FAILED");
        assertThat(parsed.cases().get(1).message()).contains("3 !== 4");
        assertThat(parsed.cases().get(1).suite()).isEqualTo("sum.test.js");
        assertThat(parsed.cases().get(0).duration()).isEqualTo(Duration.ofNanos(1_500_000));
    }

    @Test
    void tapFileThatCannotLoadIsALoadError() {
        String tap = String.join(
                "\n",
                "TAP version 13",
                "# /workspace/bad.test.js:1",
                "# SyntaxError: Unexpected token ';'",
                "# Subtest: /workspace/bad.test.js",
                "not ok 1 - /workspace/bad.test.js",
                "  ---",
                "  failureType: 'testCodeFailure'",
                "  exitCode: 1",
                "  error: 'test failed'",
                "  ...",
                "1..1");
        TapParser.Parsed parsed = TapParser.parse(tap, "/workspace");
        assertThat(parsed.cases()).isEmpty();
        assertThat(parsed.loadErrors()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("bad.test.js");
            assertThat(c.message()).isEqualTo("SyntaxError: Unexpected token ';'");
            assertThat(c.status()).isEqualTo(TestStatus.ERRORED);
        });
    }

    @Test
    void agentRepliesAreReassembledAcrossFramesAndMapped() {
        AgentChannel.Decoder decoder = new AgentChannel.Decoder();
        byte[] one = reply("DONE 7 exit 0 2 5 0 0 0\nok");
        byte[] two = reply("DONE 8 signal 9 0 0 3 0 1\nbye");
        byte[] all =
                ByteBuffer.allocate(one.length + two.length).put(one).put(two).array();
        assertThat(decoder.feed(java.util.Arrays.copyOfRange(all, 0, 3))).isEmpty();
        List<AgentReply> replies = decoder.feed(java.util.Arrays.copyOfRange(all, 3, all.length));
        assertThat(replies).hasSize(2);
        var first = replies.get(0).toResult(Duration.ZERO);
        assertThat(first.succeeded()).isTrue();
        assertThat(first.stdout()).startsWith("ok").contains("5 more bytes of stdout were cut");
        assertThat(first.stdoutDropped()).isEqualTo(5);
        assertThat(replies.get(1).toResult(Duration.ZERO).status()).isEqualTo(ExecStatus.OUT_OF_MEMORY);
        assertThat(new AgentReply("9", "killed", 9, new byte[0], 0, new byte[0], 0, false)
                        .toResult(Duration.ZERO)
                        .status())
                .isEqualTo(ExecStatus.TIMED_OUT);
        assertThat(new AgentReply("9", "signal", 11, new byte[0], 0, new byte[0], 0, false)
                        .toResult(Duration.ZERO)
                        .exitCode())
                .isEqualTo(139);
    }

    @Test
    void javaScriptRulesFindEvalChildProcessAndThirdPartyImports() {
        SourceScan scan = JavaScriptRules.scan(
                "app.js",
                String.join(
                        "\n",
                        "const cp = require('child_process');",
                        "import _ from 'lodash/fp';",
                        "import x from './local.js';",
                        "const fs = require('node:fs');",
                        "eval(code);",
                        "// eval(commented)",
                        "const f = new Function('a', 'return a');",
                        "import y from '@scope/pkg/sub';"),
                "fs"::equals);
        assertThat(scan.findings())
                .extracting(f -> f.rule() + "@" + f.line())
                .containsExactly("javascript.child-process@1", "javascript.eval@5", "javascript.new-function@7");
        assertThat(scan.dependencies())
                .extracting(SourceScan.DependencyUse::name)
                .containsExactly("child_process", "lodash", "@scope/pkg");
    }

    private static byte[] reply(String body) {
        byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(4 + b.length).putInt(b.length).put(b).array();
    }
}
