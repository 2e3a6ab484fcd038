package dev.agentloop.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.cli.ExitCode;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigLoader;
import dev.agentloop.cli.env.MemoryMode;
import dev.agentloop.cli.env.RunHandle;
import dev.agentloop.cli.output.TerminalInfo;
import dev.agentloop.cli.progress.Cancellation;
import dev.agentloop.cli.support.BatchLines;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.FakeBackends;
import dev.agentloop.core.testing.FakeSandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C during a batch: what had not finished is not recorded, so --resume runs it again. */
class BatchCancelTest {

    @TempDir
    Path temp;

    @Test
    void aCancelWhileJudgingRecordsNoVerdictAndCountsTheTaskAsCancelled() throws Exception {
        Path tasks = temp.resolve("tasks.jsonl");
        CliHarness.write(
                tasks, BatchLines.file(List.of(BatchLines.task("t0", "RIGHT"), BatchLines.task("t1", "RIGHT"))));
        FakeBackends backends = new FakeBackends();
        AtomicReference<RunHandle> batch = new AtomicReference<>();
        Cancellation ctrlC = new Cancellation() {
            @Override
            public void register(RunHandle run) {
                batch.set(run);
            }

            @Override
            public void unregister(RunHandle run) {}
        };
        // the person presses Ctrl-C while the first task's hidden tests run, and its judge's sandbox goes away
        backends.sandbox.reportWith((request, workspace) -> {
            if (workspace.getFileName().toString().endsWith("-judge")) {
                batch.get().cancel();
                return FakeSandbox.failing("test_hidden", "the sandbox session is closed");
            }
            return FakeSandbox.passing(1);
        });
        CliConfig config = new ConfigLoader(temp, temp.resolve("home"), Map.of()).load(Map.of());
        BatchFile file = BatchFile.read(tasks);
        BatchRunner.Outcome outcome;
        try (OutputFolder out = OutputFolder.open(
                temp.resolve("out"), file, false, Clock.systemUTC().instant())) {
            outcome = new BatchRunner(
                            Clock.systemUTC(),
                            backends,
                            config,
                            file,
                            out,
                            new BatchRunner.Settings(
                                    1,
                                    Optional.empty(),
                                    Optional.empty(),
                                    MemoryMode.OFF,
                                    true,
                                    Optional.empty(),
                                    OptionalInt.empty()),
                            new InstanceHandlers(
                                    new GreenfieldInstances(Duration.ofMinutes(1)),
                                    new RepositoryInstances(
                                            temp,
                                            temp.resolve("out/repos"),
                                            Duration.ofMinutes(1),
                                            dev.agentloop.git.SourceLimits.ofDefaults())),
                            new PrintWriter(new StringWriter()),
                            TerminalInfo.plain(),
                            ctrlC)
                    .run();
        }
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.CANCELLED);
        assertThat(Files.readString(temp.resolve("out/results.jsonl"))).isEmpty();
        assertThat(outcome.summary().notRun()).containsEntry("cancelled", 2);
    }
}
