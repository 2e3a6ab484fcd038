package dev.agentloop.core.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequiredServiceTest {

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "True", " true "})
    void failsUnderCiWhateverTheCase(String ci) {
        assertThatThrownBy(() -> RequiredService.missing("PostgreSQL is not reachable", Map.of("CI", ci)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("PostgreSQL is not reachable")
                .hasMessageContaining("scripts/provision");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "false", "0", "no"})
    void skipsWithTheReasonOutsideCi(String ci) {
        assertThatThrownBy(() -> RequiredService.missing("node is not installed", Map.of("CI", ci)))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("node is not installed")
                .hasMessageContaining("scripts/provision");
    }

    @org.junit.jupiter.api.Test
    void skipsWhenCiIsUnset() {
        assertThatThrownBy(() -> RequiredService.missing("Docker is not reachable", Map.of()))
                .isInstanceOf(TestAbortedException.class);
    }
}
