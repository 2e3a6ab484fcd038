package dev.agentloop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.agentloop.core.Language;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.sandbox.bench.HumanEvalProblem;
import dev.agentloop.sandbox.bench.HumanEvalSweep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * All 164 HumanEval reference solutions pass and a wrong solution of each fails, through {@link DockerSandbox} and
 * pytest, one run per problem and solution on two warm containers.
 */
class HumanEvalIT {

    @TempDir
    Path work;

    @Test
    void everyReferencePassesAndEveryWrongSolutionFails() throws Exception {
        Path shared = TestEnvironment.sharedDir();
        DockerClient docker = TestEnvironment.docker();
        TestEnvironment.requireImage(docker, TestEnvironment.PYTHON_IMAGE);
        List<HumanEvalProblem> problems = HumanEvalProblem.load(shared);
        assertThat(problems).hasSize(164);

        HumanEvalSweep.Outcome outcome;
        try (DockerSandbox sandbox = DockerSandbox.builder()
                .dockerClient(docker)
                .config(SandboxConfig.builder()
                        .image(Language.PYTHON, TestEnvironment.PYTHON_IMAGE)
                        .build())
                .build()) {
            outcome = HumanEvalSweep.run(sandbox, problems, 2, work, Duration.ofSeconds(20), true);
        } finally {
            docker.close();
        }

        assertThat(outcome.results()).hasSize(164);
        assertThat(HumanEvalSweep.violations(outcome))
                .as("problems whose result is wrong")
                .isEmpty();
        Map<TestOutcome, Long> wrongOutcomes = outcome.results().stream()
                .collect(Collectors.groupingBy(r -> r.wrong().outcome(), Collectors.counting()));
        System.out.printf(
                "HumanEval: %d/164 references passed, %d/164 wrong solutions failed %s, %.1f s on 2 workers%n",
                outcome.results().stream().filter(r -> r.reference().passed()).count(),
                outcome.results().stream().filter(r -> !r.wrong().passed()).count(),
                wrongOutcomes,
                outcome.wall().toMillis() / 1000.0);
    }
}
