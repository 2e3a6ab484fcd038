package dev.agentloop.core.bench;

import dev.agentloop.core.Agent;
import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.Role;
import dev.agentloop.core.Task;
import dev.agentloop.core.model.ScriptedChatModel;
import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.testing.FakeSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loop overhead of one full iteration (INIT, PLAN, CODE, TEST, REFLECT) with a zero-latency scripted model, no
 * memory and a fake sandbox: everything the loop itself does (prompt rendering and budgeting, JSON parsing,
 * workspace writes and diffs, the failure signature, events, the breaker), nothing of a model or a container.
 * Each invocation is one run limited to one iteration whose tests fail, so it goes through every phase once.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class LoopIterationBenchmark {

    private static final String SPEC =
            "{\"goal\": \"add(a, b) returns the sum\", \"acceptance_tests\": [\"add(1, 2) == 3\"]}";
    private static final String PLAN =
            "{\"approach\": \"one function\", \"files\": [{\"path\": \"solution.py\", \"purpose\": \"add\"}]}";
    private static final String TESTS =
            "{\"files\": [{\"path\": \"test_solution.py\", \"content\": \"from solution import add\\n\\n"
                    + "def test_add():\\n    assert add(1, 2) == 3\\n\"}]}";
    private static final String CODE =
            "{\"edits\": [{\"path\": \"solution.py\", \"content\": \"def add(a, b):\\n    return a - b\\n\"}]}";
    private static final String REFLECTION = "{\"diagnosis\": \"wrong operator\", \"next_step\": \"use plus\"}";

    private Path root;
    private AgentConfig config;
    private UUID taskId;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("agentloop-bench");
        config = AgentConfig.builder().maxIterations(1).build();
        taskId = UUID.randomUUID();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public AgentResult oneFullIteration() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .respond(Role.REPROMPTER, SPEC)
                .respond(Role.PLANNER, PLAN)
                .respond(Role.TESTER, TESTS)
                .respond(Role.CODER, CODE)
                .respond(Role.REFLECTOR, REFLECTION)
                .build();
        FakeSandbox sandbox = new FakeSandbox().thenReport(FakeSandbox.failing("test_add", "assert -1 == 3"));
        Agent agent = Agent.builder()
                .chatModel(model)
                .sandbox(sandbox)
                .memory(FailureMemory.none())
                .config(config)
                .workspaceRoot(root)
                .build();
        AgentResult result = agent.run(Task.of("add two numbers").withId(taskId));
        if (!(result instanceof AgentResult.Stopped)) {
            throw new IllegalStateException("the benchmark run should stop at its iteration limit: " + result);
        }
        return result;
    }
}
