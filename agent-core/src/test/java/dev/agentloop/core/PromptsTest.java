package dev.agentloop.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.model.ScriptedChatModel;
import dev.agentloop.core.spi.PatternMatch;
import dev.agentloop.core.spi.SuccessPattern;
import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.core.testing.MutableClock;
import dev.agentloop.core.testing.RecordingFailureMemory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the roles' prompts say, as a model reads them (findings of a trial with a real model). */
class PromptsTest {

    @TempDir
    Path root;

    private final RecordingFailureMemory memory = new RecordingFailureMemory();

    private static final String JS_CODE = "{\"edits\": [{\"path\": \"solution.js\", \"content\":"
            + " \"function add(a, b) {\\n  return a + b;\\n}\\nmodule.exports = { add };\\n\"}]}";

    private ScriptedChatModel run(Task task, String code, FakeSandbox sandbox) {
        return run(task, Scripts.basics().respond(Role.CODER, code), sandbox);
    }

    private ScriptedChatModel run(Task task, ScriptedChatModel.Builder script, FakeSandbox sandbox) {
        ScriptedChatModel model = script.respond(Role.REVIEWER, "{\"approved\": true, \"findings\": []}")
                .respond(Role.AUDITOR, "{\"findings\": []}")
                .respond(Role.REFLECTOR, Scripts.REFLECTION)
                .onExhausted(ScriptedChatModel.Exhausted.REPEAT_LAST)
                .build();
        AgentResult result = Agent.builder()
                .chatModel(model)
                .sandbox(sandbox)
                .memory(memory)
                .clock(MutableClock.atEpoch())
                .workspaceRoot(root)
                .config(AgentConfig.builder()
                        .enableReview(true)
                        .enableAudit(true)
                        .build())
                .build()
                .run(task);
        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        return model;
    }

    private static String prompt(ScriptedChatModel model, Role role) {
        return model.requests(role).get(0).messages().toString();
    }

    @Test
    void answerFormatExamplesNameTheTasksLanguageFiles() {
        ScriptedChatModel model = run(
                Task.of("add(a, b)").withLanguage(Language.JAVASCRIPT),
                ScriptedChatModel.builder()
                        .respond(Role.REPROMPTER, Scripts.SPEC)
                        .respond(
                                Role.PLANNER,
                                "{\"approach\": \"one function\", \"files\": [{\"path\": \"solution.js\","
                                        + " \"purpose\": \"add\"}]}")
                        .respond(
                                Role.TESTER,
                                "{\"files\": [{\"path\": \"solution.test.js\", \"content\":"
                                        + " \"const { add } = require('./solution');\\n\"}]}")
                        .respond(Role.CODER, JS_CODE),
                new FakeSandbox().thenReport(FakeSandbox.passing(1)));

        for (Role role : List.of(Role.PLANNER, Role.CODER, Role.TESTER, Role.REVIEWER, Role.AUDITOR)) {
            assertThat(prompt(model, role)).as(role.id()).doesNotContain("solution.py", "test_solution.py");
        }
        assertThat(prompt(model, Role.CODER)).contains("\"path\": \"solution.js\"");
        assertThat(prompt(model, Role.TESTER)).contains("\"path\": \"solution.test.js\"");
    }

    @Test
    void theRolesThatCiteLinesSeeNumberedLines() {
        ScriptedChatModel model =
                run(Task.of("add(a, b)"), Scripts.code("a + b"), new FakeSandbox().thenReport(FakeSandbox.passing(1)));

        assertThat(prompt(model, Role.REVIEWER)).contains("1| def add(a, b):", "2|     return a + b");
        assertThat(prompt(model, Role.AUDITOR)).contains("1| def add(a, b):");
        assertThat(prompt(model, Role.CODER)).doesNotContain("1| def add");
    }

    @Test
    void theAuditorsFormatExampleDoesNotBlock() {
        ScriptedChatModel model =
                run(Task.of("add(a, b)"), Scripts.code("a + b"), new FakeSandbox().thenReport(FakeSandbox.passing(1)));

        assertThat(prompt(model, Role.AUDITOR))
                .doesNotContain("\"blocking\": true")
                .contains("\"blocking\": false");
    }

    @Test
    void emptySectionsLeaveNoHeadingAndNoRunOfBlankLines() {
        ScriptedChatModel model =
                run(Task.of("add(a, b)"), Scripts.code("a + b"), new FakeSandbox().thenReport(FakeSandbox.passing(1)));

        for (ScriptedChatModel.RecordedRequest r : model.requests()) {
            String text = r.request().messages().toString();
            assertThat(text).as(r.role().map(Role::id).orElse("?")).doesNotContain("\n\n\n", "may be empty");
        }
        assertThat(prompt(model, Role.PLANNER)).doesNotContain("Approaches that solved", "Failures of the previous");
    }

    @Test
    void theReviewerIsToldThatTheTestsComeLater() {
        ScriptedChatModel model =
                run(Task.of("add(a, b)"), Scripts.code("a + b"), new FakeSandbox().thenReport(FakeSandbox.passing(1)));

        assertThat(prompt(model, Role.REVIEWER)).contains("The tests do not exist yet", "Do not report missing");
    }

    @Test
    void theReviewerSeesTheTestsOnceTheyExist() {
        ScriptedChatModel model = run(
                Task.of("add(a, b)"),
                Scripts.code("a - b"),
                new FakeSandbox()
                        .thenReport(FakeSandbox.failing("test_add", "assert -1 == 3"), FakeSandbox.passing(1)));

        String second = model.requests(Role.REVIEWER).get(1).messages().toString();
        assertThat(second)
                .contains("The tests the tester wrote are among the files (test_solution.py)")
                .contains("def test_add():");
    }

    @Test
    void theSandboxsVersionsAndPackagesAreSaidWhereCodeIsWritten() {
        String environment = "Python 3.11.2; installed packages: pytest 7.2.1";
        ScriptedChatModel model = run(
                Task.of("add(a, b)"),
                Scripts.code("a + b"),
                new FakeSandbox().environment(environment).thenReport(FakeSandbox.passing(1)));

        for (Role role : List.of(Role.PLANNER, Role.CODER, Role.TESTER)) {
            assertThat(prompt(model, role)).as(role.id()).contains(environment, "no network");
        }
    }

    @Test
    void successPatternsAreDedupedFilteredAndCapped() {
        String approach = "Normalise the path, then refuse anything outside the root.";
        String longPlan = "Split the text into words. " + "Then do more. ".repeat(60);
        memory.patternsFound(List.of(
                match(approach, 0.91),
                match(approach, 0.90),
                match(approach, 0.89),
                match(longPlan, 0.85),
                match("Use a regular expression to make slugs.", 0.80),
                match("Yet another approach.", 0.75),
                match("Lower-case and replace spaces with dashes.", 0.63)));

        ScriptedChatModel model = run(
                Task.of("safe_join(root, path)"),
                Scripts.code("a + b"),
                new FakeSandbox().thenReport(FakeSandbox.passing(1)));

        String planner = prompt(model, Role.PLANNER);
        assertThat(planner.split(java.util.regex.Pattern.quote(approach), -1)).hasSize(2);
        assertThat(planner).doesNotContain("Lower-case and replace spaces", "Yet another approach");
        assertThat(planner).contains("Split the text into words.").doesNotContain("Then do more. ".repeat(30));
    }

    private static PatternMatch match(String approach, double similarity) {
        return new PatternMatch(
                new SuccessPattern(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        "an earlier task",
                        Language.PYTHON,
                        ProjectType.LIBRARY,
                        approach,
                        1,
                        Instant.EPOCH),
                similarity);
    }
}
