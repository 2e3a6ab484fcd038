package dev.agentloop.core.bench;

import dev.agentloop.core.FailureSignature;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link FailureSignature#of} on a 1 MB test log: a real pytest failure buried in a megabyte of runner output (the
 * worst case the loop meets: a chatty test that prints on every step).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SignatureBenchmark {

    private TestReport report;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String failure;
        try (InputStream in = SignatureBenchmark.class.getResourceAsStream("/signatures/pytest-typeerror.txt")) {
            failure = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder log = new StringBuilder(1 << 20);
        int line = 0;
        while (log.length() < (1 << 20) - failure.length()) {
            log.append("test_solution.py::test_step_")
                    .append(line++)
                    .append(" processing record ")
                    .append(line * 7919 % 100_000)
                    .append(" at /tmp/pytest-of-ci/pytest-3/data/")
                    .append(line)
                    .append(".json\n");
        }
        log.append(failure);
        report = new TestReport(TestOutcome.FAILED, List.of(), log.toString(), "", 1, Duration.ofSeconds(3), "");
    }

    @Benchmark
    public FailureSignature signatureOf1MbLog() {
        return FailureSignature.of(report);
    }
}
