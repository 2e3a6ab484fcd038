package dev.agentloop.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentloop.core.event.ActionKind;
import dev.agentloop.core.event.ActionOutcome;
import dev.agentloop.core.event.ActionTaken;
import dev.agentloop.core.event.HandedOff;
import dev.agentloop.core.event.IterationFinished;
import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.event.MapRanked;
import dev.agentloop.core.event.SourceOpened;
import dev.agentloop.core.event.TestsRun;
import dev.agentloop.core.model.ScriptedChatModel;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.ExecStatus;
import dev.agentloop.core.spi.TestCaseResult;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import dev.agentloop.core.testing.CopySource;
import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.core.testing.MutableClock;
import dev.agentloop.core.testing.RecordingListener;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repository mode through the loop, with a fake sandbox whose "tests" read the working copy: the model acts (search,
 * read, edit) through native tool calls or the JSON protocol, the project's tests judge against the baseline, and
 * existing tests cannot be weakened.
 */
class RepositoryModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUGGY = "def add(a, b):\n    return a - b\n\n\ndef sub(a, b):\n    return a - b\n";
    private static final String TEST_FILE =
            "from calc import add, sub\n\n\ndef test_add():\n    assert add(1, 2) == 3\n"
                    + "\n\ndef test_sub():\n    assert sub(3, 1) == 2\n";

    @TempDir
    Path temp;

    Path project;
    Path workspaces;
    FakeSandbox sandbox;
    RecordingListener events;

    @BeforeEach
    void project() throws IOException {
        project = Files.createDirectories(temp.resolve("project"));
        workspaces = Files.createDirectories(temp.resolve("workspaces"));
        Files.writeString(project.resolve("pyproject.toml"), "[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n");
        Files.writeString(project.resolve("calc.py"), BUGGY);
        Files.createDirectories(project.resolve("tests"));
        Files.writeString(project.resolve("tests/test_calc.py"), TEST_FILE);
        sandbox = new FakeSandbox().reportWith(RepositoryModeTest::runCalcTests);
        events = new RecordingListener();
    }

    /** test_add passes when add adds; test_sub when sub subtracts; a request naming tests runs only those. */
    static TestReport runCalcTests(TestRequest request, Path workspace) {
        String code;
        try {
            code = Files.readString(workspace.resolve("calc.py"));
        } catch (IOException e) {
            code = "";
        }
        List<TestCaseResult> cases = new ArrayList<>();
        boolean addOk = code.contains("def add(a, b):\n    return a + b");
        boolean subOk = code.contains("def sub(a, b):\n    return a - b");
        for (var test : List.of(Map.entry("test_add", addOk), Map.entry("test_sub", subOk))) {
            boolean selected = request.testFiles().isEmpty()
                    || request.testFiles().stream().anyMatch(id -> id.endsWith("::" + test.getKey()));
            if (!selected) {
                continue;
            }
            cases.add(
                    test.getValue()
                            ? TestCaseResult.passed("tests.test_calc", test.getKey())
                            : TestCaseResult.failed(
                                    "tests.test_calc",
                                    test.getKey(),
                                    "AssertionError: assert -1 == 3",
                                    "tests/test_calc.py:5: in " + test.getKey() + "\nE   AssertionError"));
        }
        boolean passed = cases.stream().allMatch(c -> c.status() == dev.agentloop.core.spi.TestStatus.PASSED);
        return new TestReport(
                passed ? TestOutcome.PASSED : TestOutcome.FAILED,
                cases,
                passed ? "all passed" : "FAILED tests/test_calc.py::test_add",
                "",
                passed ? 0 : 1,
                Duration.ofMillis(3),
                "");
    }

    private Agent agent(ScriptedChatModel model, AgentConfig config) {
        return Agent.builder()
                .chatModel(model)
                .sandbox(sandbox)
                .listener(events)
                .config(config)
                .clock(MutableClock.atEpoch())
                .workspaceRoot(workspaces)
                .build();
    }

    private Task fixTask(CopySource source) {
        return new Task(
                        java.util.UUID.randomUUID(),
                        "Fix add: it subtracts\nThe tests say so.",
                        Language.PYTHON,
                        ProjectType.LIBRARY,
                        "")
                .withSource(source)
                .withTests(TestTargets.DEFAULT.fixing(List.of()));
    }

    private static String tool(String name, Map<String, Object> arguments) throws Exception {
        ObjectNode call = JSON.createObjectNode();
        call.put("name", name);
        call.set("arguments", JSON.valueToTree(arguments));
        ObjectNode reply = JSON.createObjectNode();
        reply.putArray("$tool_calls").add(call);
        return reply.toString();
    }

    private static String action(String name, Map<String, Object> arguments) {
        ObjectNode node = JSON.valueToTree(arguments);
        node.put("action", name);
        return node.toString();
    }

    private static ScriptedChatModel script(Role role, String... replies) {
        ScriptedChatModel.Builder b = ScriptedChatModel.builder();
        for (String reply : replies) {
            b.reply(role, ScriptedChatModel.Reply.of(reply));
        }
        return b.build();
    }

    /** Parses {@code $tool_calls} like a script file does. */
    private static ScriptedChatModel fromScript(Map<Role, List<String>> replies) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode responses = root.putObject("responses");
        replies.forEach((role, list) -> {
            var array = responses.putArray(role.id());
            for (String r : list) {
                try {
                    array.add(JSON.readTree(r));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        return ScriptedChatModel.fromJson(root.toString(), "test");
    }

    @Test
    void nativeToolCallsFindReadAndFixTheBugThenTheSuiteJudgesAgainstTheBaseline() throws Exception {
        CopySource source = new CopySource(project);
        ScriptedChatModel model = fromScript(Map.of(
                Role.CODER,
                List.of(
                        tool("search", Map.of("pattern", "def add")),
                        tool("read_file", Map.of("path", "calc.py")),
                        tool(
                                "replace_text",
                                Map.of(
                                        "path", "calc.py",
                                        "search", "def add(a, b):\n    return a - b",
                                        "replace", "def add(a, b):\n    return a + b")),
                        "{\"edits\": [], \"notes\": \"add subtracted\"}")));

        AgentResult result = agent(model, AgentConfig.ofDefaults()).run(fixTask(source));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        AgentResult.Solved solved = (AgentResult.Solved) result;
        assertThat(solved.iterations()).isEqualTo(1);
        assertThat(solved.handoff()).isPresent();
        assertThat(solved.handoff().get().files()).containsExactly("calc.py");
        assertThat(source.messages().get(0)).startsWith("Fix add: it subtracts\n\n");
        // the user's folder is untouched, the private copy is gone
        assertThat(Files.readString(project.resolve("calc.py"))).isEqualTo(BUGGY);
        assertThat(source.copies().get(0)).doesNotExist();

        // baseline (whole suite), then the failing test alone, then the whole suite before "solved"
        List<TestRequest> runs = sandbox.lastSession().testRequests();
        assertThat(runs).hasSize(3);
        assertThat(runs.get(0).testFiles()).isEmpty();
        assertThat(runs.get(1).testFiles()).containsExactly("tests/test_calc.py::test_add");
        assertThat(runs.get(2).testFiles()).isEmpty();
        assertThat(sandbox.lastSession().spec().existingProject()).isTrue();
        assertThat(events.of(TestsRun.class).get(0).detail()).startsWith("baseline");
        assertThat(events.of(SourceOpened.class)).hasSize(1);
        assertThat(events.of(HandedOff.class)).hasSize(1);
        assertThat(events.of(dev.agentloop.core.event.Planned.class))
                .singleElement()
                .extracting(dev.agentloop.core.event.Planned::plan)
                .asString()
                .startsWith("Approach: Work on the existing project: find the code the task concerns");

        assertThat(events.of(ActionTaken.class))
                .extracting(ActionTaken::kind, ActionTaken::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ActionKind.SEARCH, ActionOutcome.DONE),
                        org.assertj.core.groups.Tuple.tuple(ActionKind.READ_FILE, ActionOutcome.DONE),
                        org.assertj.core.groups.Tuple.tuple(ActionKind.REPLACE_TEXT, ActionOutcome.DONE));
        // only the coder was asked: no reprompter, no planner on an existing project
        assertThat(model.requests()).allMatch(r -> r.role().orElseThrow() == Role.CODER);
        assertThat(model.requests().get(0).request().toolSpecifications()).hasSize(7);
        List<ChatMessage> second = model.requests().get(1).request().messages();
        assertThat(second.get(second.size() - 1)).isInstanceOf(ToolExecutionResultMessage.class);
        assertThat(((ToolExecutionResultMessage) second.get(second.size() - 1)).text())
                .contains("calc.py:1: def add(a, b):");
        List<ChatMessage> third = model.requests().get(2).request().messages();
        assertThat(((ToolExecutionResultMessage) third.get(third.size() - 1)).text())
                .contains("1| def add(a, b):")
                .contains("2|     return a - b");
    }

    /**
     * Answers the symbol parser's command as Python's ast would for this project: calc.py defines add and sub, the
     * test file test_add and test_sub and imports them from calc.
     */
    private static ExecResult parsedCalc(ExecRequest request) {
        List<String> argv = request.command();
        if (argv.size() < 4 || !argv.get(0).equals("python3") || !argv.get(1).equals("-I")) {
            return new ExecResult(ExecStatus.EXITED, 0, "", "", Duration.ZERO, 0, 0, "");
        }
        StringBuilder out = new StringBuilder();
        for (String file : argv.subList(4, argv.size())) {
            out.append("F\t").append(file).append("\tOK\t\n");
            if (file.equals("calc.py")) {
                out.append("D\tf\tadd\t1\t2\t\tdef add(a, b)\t\n");
                out.append("D\tf\tsub\t5\t6\t\tdef sub(a, b)\t\n");
            } else if (file.equals("tests/test_calc.py")) {
                out.append("D\tf\ttest_add\t4\t5\t\tdef test_add()\t\n");
                out.append("D\tf\ttest_sub\t8\t9\t\tdef test_sub()\t\n");
                out.append("I\tcalc\tadd,sub\n");
                out.append("R\tadd sub\n");
            }
        }
        return new ExecResult(ExecStatus.EXITED, 0, out.toString(), "", Duration.ofMillis(5), 0, 0, "");
    }

    @Test
    void eachCodeStepPublishesTheRepositoryMapsBestFilesAndDefinitions() throws Exception {
        sandbox.execWith(RepositoryModeTest::parsedCalc);
        ScriptedChatModel model = fromScript(Map.of(
                Role.CODER,
                List.of(
                        tool(
                                "replace_text",
                                Map.of(
                                        "path", "calc.py",
                                        "search", "def add(a, b):\n    return a - b",
                                        "replace", "def add(a, b):\n    return a + b")),
                        "{\"edits\": [], \"notes\": \"add subtracted\"}")));

        AgentResult result = agent(model, AgentConfig.ofDefaults()).run(fixTask(new CopySource(project)));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        List<MapRanked> ranked = events.of(MapRanked.class);
        assertThat(ranked).hasSize(1);
        assertThat(ranked.get(0).iteration()).isEqualTo(1);
        // the failing test_add points at calc.py's add; the test file itself is ranked down
        assertThat(ranked.get(0).files()).first().isEqualTo("calc.py");
        assertThat(ranked.get(0).files()).contains("tests/test_calc.py").hasSizeLessThanOrEqualTo(MapRanked.TOP);
        assertThat(ranked.get(0).definitions()).first().isEqualTo(new MapRanked.Symbol("calc.py", "add"));
    }

    @Test
    void aRecordedTrajectoryKeepsTheToolCallsAndReplaysTheSameRun() throws Exception {
        ScriptedChatModel model = fromScript(Map.of(
                Role.CODER,
                List.of(
                        tool("read_file", Map.of("path", "calc.py")),
                        tool(
                                "replace_text",
                                Map.of(
                                        "path", "calc.py",
                                        "search", "def add(a, b):\n    return a - b",
                                        "replace", "def add(a, b):\n    return a + b")),
                        "{\"edits\": [], \"notes\": \"fixed\"}")));
        java.util.UUID id = java.util.UUID.randomUUID();
        Path trajectory = temp.resolve("trajectories").resolve(id + ".jsonl");
        Agent recording = Agent.builder()
                .chatModel(model)
                .sandbox(sandbox)
                .clock(MutableClock.atEpoch())
                .workspaceRoot(workspaces)
                .recordTrajectories(temp.resolve("trajectories"))
                .build();
        assertThat(recording.run(fixTask(new CopySource(project)).withId(id))).isInstanceOf(AgentResult.Solved.class);
        assertThat(Files.readString(trajectory)).contains("\"toolCalls\":[{\"id\":\"call_1\",\"name\":\"read_file\"");

        RecordingListener replayed = new RecordingListener();
        Agent replaying = Agent.builder()
                .chatModel(dev.agentloop.core.model.ReplayChatModel.fromFile(trajectory))
                .sandbox(sandbox)
                .listener(replayed)
                .clock(MutableClock.atEpoch())
                .workspaceRoot(workspaces)
                .build();
        AgentResult again = replaying.run(fixTask(new CopySource(project)).withId(id));

        assertThat(again).as(again.toString()).isInstanceOf(AgentResult.Solved.class);
        assertThat(replayed.of(ActionTaken.class))
                .extracting(ActionTaken::kind)
                .containsExactly(ActionKind.READ_FILE, ActionKind.REPLACE_TEXT);
    }

    @Test
    void theJsonProtocolActsOneActionPerAnswerWithoutToolSpecifications() throws Exception {
        CopySource source = new CopySource(project);
        ScriptedChatModel model = script(
                Role.CODER,
                action("read_file", Map.of("path", "calc.py", "start_line", 1, "end_line", 2)),
                action(
                        "replace_text",
                        Map.of(
                                "path", "calc.py",
                                "search", "def add(a, b):\n    return a - b",
                                "replace", "def add(a, b):\n    return a + b")),
                "{\"edits\": [], \"notes\": \"fixed\"}");
        AgentConfig config = AgentConfig.builder()
                .actions(ActionConfig.DEFAULTS.withProtocol(ActionConfig.Protocol.JSON))
                .build();

        AgentResult result = agent(model, config).run(fixTask(source));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        assertThat(model.requests())
                .allMatch(r -> r.request().toolSpecifications().isEmpty());
        List<ChatMessage> second = model.requests().get(1).request().messages();
        String last = ((UserMessage) second.get(second.size() - 1)).singleText();
        assertThat(last)
                .startsWith("Result of read_file:")
                .contains("1| def add(a, b):")
                .contains("(lines 1-2 of 6)");
        assertThat(model.requests().get(0).request().messages().get(0).toString())
                .contains("\"action\"");
    }

    /** A sandbox whose "sh -c" commands run this edit on the copy's files, as sed -i would. */
    private void commandsEdit(CopySource source, String file, String from, String to) {
        sandbox.execWith(request -> {
            if (request.command().get(0).equals("sh") && !source.copies().isEmpty()) {
                Path target = source.copies().get(0).resolve(file);
                try {
                    Files.writeString(target, Files.readString(target).replace(from, to));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return new ExecResult(ExecStatus.EXITED, 0, "", "", Duration.ZERO, 0, 0, "");
        });
    }

    @Test
    void whatACommandChangesIsTakenInLikeAnEdit() throws Exception {
        CopySource source = new CopySource(project);
        commandsEdit(source, "calc.py", "def add(a, b):\n    return a - b", "def add(a, b):\n    return a + b");
        ScriptedChatModel model = fromScript(Map.of(
                Role.CODER,
                List.of(
                        tool("run_command", Map.of("command", "sed -i '2s/a - b/a + b/' calc.py")),
                        "{\"edits\": [], \"notes\": \"fixed with sed\"}")));

        AgentResult result = agent(model, AgentConfig.ofDefaults()).run(fixTask(source));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        // the run's files (and so the iteration's diff) hold the command's change
        assertThat(result.files()).containsOnlyKeys("calc.py");
        assertThat(result.files().get("calc.py")).startsWith("def add(a, b):\n    return a + b");
        List<ChatMessage> second = model.requests().get(1).request().messages();
        assertThat(((ToolExecutionResultMessage) second.get(second.size() - 1)).text())
                .contains("files the command changed: calc.py");
    }

    @Test
    void aCommandThatWeakensAnExistingTestIsUndoneAndTheModelIsTold() throws Exception {
        CopySource source = new CopySource(project);
        commandsEdit(source, "tests/test_calc.py", "assert add(1, 2) == 3", "assert add(1, 2) == -1");
        ScriptedChatModel model = fromScript(Map.of(
                Role.CODER,
                List.of(
                        tool("run_command", Map.of("command", "sed -i 's/== 3/== -1/' tests/test_calc.py")),
                        tool(
                                "write_file",
                                Map.of(
                                        "path",
                                        "calc.py",
                                        "content",
                                        BUGGY.replace("a - b\n\n\ndef sub", "a + b\n\n\ndef sub"))),
                        "{\"edits\": [], \"notes\": \"fixed the code instead\"}")));

        AgentResult result = agent(model, AgentConfig.ofDefaults()).run(fixTask(source));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        assertThat(((AgentResult.Solved) result).handoff().get().files()).containsExactly("calc.py");
        List<ChatMessage> second = model.requests().get(1).request().messages();
        assertThat(((ToolExecutionResultMessage) second.get(second.size() - 1)).text())
                .contains("The command's change to tests/test_calc.py was undone.")
                .contains("existing tests may not be weakened");
        assertThat(events.of(ActionTaken.class).get(0).detail()).contains("1 change(s) to tests undone");
    }

    @Test
    void anEditThatWeakensAnExistingTestIsRefusedAndTheRunGoesOn() throws Exception {
        CopySource source = new CopySource(project);
        ScriptedChatModel model = fromScript(Map.of(
                Role.CODER,
                List.of(
                        tool(
                                "replace_text",
                                Map.of(
                                        "path", "tests/test_calc.py",
                                        "search", "assert add(1, 2) == 3",
                                        "replace", "assert add(1, 2) == -1")),
                        tool(
                                "write_file",
                                Map.of(
                                        "path",
                                        "calc.py",
                                        "content",
                                        BUGGY.replace("a - b\n\n\ndef sub", "a + b\n\n\ndef sub"))),
                        "{\"edits\": [], \"notes\": \"fixed the code instead\"}")));

        AgentResult result = agent(model, AgentConfig.ofDefaults()).run(fixTask(source));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        List<ActionTaken> actions = events.of(ActionTaken.class);
        assertThat(actions.get(0).outcome()).isEqualTo(ActionOutcome.REFUSED);
        assertThat(actions.get(0).detail()).contains("existing tests may not be weakened");
        assertThat(((AgentResult.Solved) result).handoff().get().files()).containsExactly("calc.py");
        List<ChatMessage> second = model.requests().get(1).request().messages();
        assertThat(((ToolExecutionResultMessage) second.get(second.size() - 1)).text())
                .startsWith("Not done: The edit to tests/test_calc.py was refused");
    }

    @Test
    void aChangeThatBreaksATestThatPassedBeforeIsNotSolvedAndReflectionFollows() throws Exception {
        CopySource source = new CopySource(project);
        String bothPlus = "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a + b\n";
        ScriptedChatModel model = fromScript(Map.of(
                Role.CODER,
                List.of(
                        tool("write_file", Map.of("path", "calc.py", "content", bothPlus)),
                        "{\"edits\": [], \"notes\": \"plus everywhere\"}",
                        tool(
                                "replace_text",
                                Map.of(
                                        "path", "calc.py",
                                        "search", "def sub(a, b):\n    return a + b",
                                        "replace", "def sub(a, b):\n    return a - b")),
                        "{\"edits\": [], \"notes\": \"sub subtracts again\"}"),
                Role.REFLECTOR,
                List.of("{\"diagnosis\": \"sub now adds\", \"next_step\": \"restore sub\"}")));

        dev.agentloop.core.testing.RecordingFailureMemory memory =
                new dev.agentloop.core.testing.RecordingFailureMemory();
        Agent agent = Agent.builder()
                .chatModel(model)
                .sandbox(sandbox)
                .listener(events)
                .memory(memory)
                .clock(MutableClock.atEpoch())
                .workspaceRoot(workspaces)
                .build();

        AgentResult result = agent.run(fixTask(source));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        assertThat(result.iterations()).isEqualTo(2);
        // the memory knows the repository, the files involved, and the handoff
        assertThat(memory.tasks().get(0).repository())
                .hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("fixture"));
        assertThat(memory.failures()).hasSize(1);
        assertThat(memory.failures().get(0).repository()).isPresent();
        assertThat(memory.failures().get(0).files()).containsExactly("calc.py", "tests/test_calc.py");
        assertThat(memory.completions().get(0).handoff()).isPresent();
        IterationFinished first = events.of(IterationFinished.class).get(0);
        assertThat(first.outcome()).isEqualTo(IterationOutcome.TESTS_FAILED);
        // the reflector saw the regression named
        String reflectorPrompt =
                model.requests(Role.REFLECTOR).get(0).messages().toString();
        assertThat(reflectorPrompt).contains("passed before now fail").contains("test_sub");
    }

    @Test
    void thePhaseActionLimitTellsTheModelToAnswerAndOffersNoMoreTools() throws Exception {
        CopySource source = new CopySource(project);
        String fix = tool(
                "replace_text",
                Map.of(
                        "path", "calc.py",
                        "search", "def add(a, b):\n    return a - b",
                        "replace", "def add(a, b):\n    return a + b"));
        ScriptedChatModel model = fromScript(Map.of(
                Role.CODER,
                List.of(tool("list_files", Map.of("glob", "*.py")), fix, "{\"edits\": [], \"notes\": \"done\"}")));
        AgentConfig config = AgentConfig.builder()
                .actions(ActionConfig.DEFAULTS.withMaxPerPhase(2))
                .build();

        AgentResult result = agent(model, config).run(fixTask(source));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        assertThat(events.of(ActionTaken.class))
                .extracting(ActionTaken::outcome)
                .containsExactly(ActionOutcome.DONE, ActionOutcome.DONE, ActionOutcome.LIMIT_REACHED);
        assertThat(model.requests().get(2).request().toolSpecifications()).isEmpty();
        assertThat(model.requests().get(2).request().messages().toString()).contains("actions allowed in this phase");
    }

    @Test
    void declaredDependenciesTheSandboxLacksAreReportedBeforeTheFirstModelCall() throws Exception {
        Files.writeString(project.resolve("requirements.txt"), "requests>=2\n# a comment\npytest\n");
        sandbox.execWith(request -> request.command().contains("-c")
                        && String.join(" ", request.command()).contains("importlib.metadata")
                ? new dev.agentloop.core.spi.ExecResult(
                        dev.agentloop.core.spi.ExecStatus.EXITED, 0, "requests\n", "", Duration.ZERO, 0, 0, "")
                : new dev.agentloop.core.spi.ExecResult(
                        dev.agentloop.core.spi.ExecStatus.EXITED, 0, "", "", Duration.ZERO, 0, 0, ""));
        ScriptedChatModel model = script(
                Role.CODER,
                "{\"edits\": [{\"path\": \"calc.py\", \"content\": \""
                        + BUGGY.replace("a - b\n\n\ndef sub", "a + b\n\n\ndef sub")
                                .replace("\n", "\\n") + "\"}]}");

        agent(model, AgentConfig.ofDefaults()).run(fixTask(new CopySource(project)));

        var warnings = events.of(dev.agentloop.core.event.AgentWarning.class);
        assertThat(warnings)
                .anySatisfy(w -> assertThat(w.message())
                        .startsWith("The sandbox image lacks packages the project declares: requests.")
                        .contains("sandbox.images.python"));
        int warned = events.events().indexOf(warnings.get(0));
        int firstCall = events.events()
                .indexOf(events.of(dev.agentloop.core.event.ModelCalled.class).get(0));
        assertThat(warned).isLessThan(firstCall);
    }

    @Test
    void anActionEditingOutsideTheCopyIsBlockedAndTheRunGoesOn() throws Exception {
        CopySource source = new CopySource(project);
        ScriptedChatModel model = fromScript(Map.of(
                Role.CODER,
                List.of(
                        tool("write_file", Map.of("path", "../escape.py", "content", "x = 1\n")),
                        tool(
                                "replace_text",
                                Map.of(
                                        "path", "calc.py",
                                        "search", "def add(a, b):\n    return a - b",
                                        "replace", "def add(a, b):\n    return a + b")),
                        "{\"edits\": [], \"notes\": \"fixed\"}")));

        AgentResult result = agent(model, AgentConfig.ofDefaults()).run(fixTask(source));

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        assertThat(events.of(ActionTaken.class).get(0).outcome()).isEqualTo(ActionOutcome.BLOCKED);
        assertThat(events.of(ActionTaken.class).get(0).detail()).contains("would leave the workspace");
        assertThat(workspaces.resolve("escape.py")).doesNotExist();
    }

    @Test
    void fixingFailingTestsWhenNoneFailsEndsWithAClearMessage() throws Exception {
        Files.writeString(
                project.resolve("calc.py"), BUGGY.replace("return a - b\n\n\ndef sub", "return a + b\n\n\ndef sub"));
        CopySource source = new CopySource(project);

        AgentResult result =
                agent(script(Role.CODER, "{}"), AgentConfig.ofDefaults()).run(fixTask(source));

        assertThat(result).isInstanceOf(AgentResult.Failed.class);
        assertThat(((AgentResult.Failed) result).message()).contains("No test fails at the baseline");
        assertThat(source.copies().get(0)).doesNotExist();
    }

    @Test
    void aProjectWithoutATestCommandSaysWhatWasLookedForAndHowToSetOne() throws Exception {
        Path bare = Files.createDirectories(temp.resolve("bare"));
        Files.writeString(bare.resolve("README.txt"), "nothing to test\n");
        CopySource source = new CopySource(bare);

        AgentResult result =
                agent(script(Role.CODER, "{}"), AgentConfig.ofDefaults()).run(fixTask(source));

        assertThat(result).isInstanceOf(AgentResult.Failed.class);
        assertThat(((AgentResult.Failed) result).message())
                .startsWith("No test command found")
                .contains("pytest.ini")
                .contains("--test-cmd");
    }

    @Test
    void givenAcceptanceTestsAreWrittenBeforeTheFirstIterationAndCannotBeChanged() throws Exception {
        ScriptedChatModel model = Scripts.basics()
                .respond(
                        Role.CODER,
                        "{\"edits\": [{\"path\": \"test_given.py\", \"content\": \"def test_x():\\n    pass\\n\"}]}",
                        Scripts.code("a + b"))
                .build();
        FakeSandbox plain = new FakeSandbox().thenReport(FakeSandbox.passing(2));
        Agent agent = Agent.builder()
                .chatModel(model)
                .sandbox(plain)
                .clock(MutableClock.atEpoch())
                .workspaceRoot(workspaces)
                .listener(events)
                .build();
        Task task = Task.of("add two numbers")
                .withTests(
                        TestTargets.DEFAULT.withGiven(Map.of("test_given.py", "def test_given():\n    assert True\n")));

        AgentResult result = agent.run(task);

        assertThat(result).isInstanceOf(AgentResult.Solved.class);
        assertThat(result.iterations()).isEqualTo(2);
        assertThat(((AgentResult.Solved) result).files())
                .containsEntry("test_given.py", "def test_given():\n    assert True\n");
        assertThat(events.of(IterationFinished.class).get(0).summary()).contains("acceptance tests");
        assertThat(plain.lastSession().testRequests().get(0).testFiles()).contains("test_given.py");
    }
}
