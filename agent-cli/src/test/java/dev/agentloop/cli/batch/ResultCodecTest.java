package dev.agentloop.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.cli.env.MemoryMode;
import dev.agentloop.core.Language;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResultCodecTest {

    private static TaskResult result(Optional<Localization> localization) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        return new TaskResult(
                "xmltodict-001",
                3,
                "xmltodict",
                Language.PYTHON,
                MemoryMode.OFF,
                true,
                UUID.randomUUID(),
                RunStatus.SOLVED,
                Optional.empty(),
                "",
                new Verdict(Verdict.Judge.SUITE, true, 1, 1, ""),
                1,
                2400,
                0.0,
                Duration.ofMillis(9100),
                Duration.ofMillis(6200),
                start,
                start.plusMillis(9100),
                0,
                false,
                Duration.ofMillis(3300),
                localization);
    }

    @Test
    void aRepositoryResultKeepsItsJudgeTestTimeAndLocalizationThroughItsLine() {
        TaskResult r = result(Optional.of(new Localization(
                List.of("xmltodict.py"), List.of("tests/test_dicttoxml.py", "xmltodict.py"), 2, 1, true, true)));

        String line = ResultCodec.write(r);

        assertThat(line)
                .contains("\"judged_by\":\"suite\"")
                .contains("\"tests_ms\":3300")
                .contains("\"map_file_rank\":2");
        assertThat(ResultCodec.read(line)).isEqualTo(r);
    }

    @Test
    void aResultWithoutLocalizationHasNoSuchField() {
        TaskResult r = result(Optional.empty());

        String line = ResultCodec.write(r);

        assertThat(line).doesNotContain("localization");
        assertThat(ResultCodec.read(line)).isEqualTo(r);
    }
}
