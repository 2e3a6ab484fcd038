package dev.agentloop.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgVectorVersionTest {

    @Test
    void readsReleasedAndDevelopmentVersions() {
        assertThat(PgVectorVersion.parse("0.8.0")).isEqualTo(new PgVectorVersion(0, 8));
        assertThat(PgVectorVersion.parse("0.7")).isEqualTo(new PgVectorVersion(0, 7));
        assertThat(PgVectorVersion.parse("1.0.1-dev")).isEqualTo(new PgVectorVersion(1, 0));
    }

    @Test
    void halfPrecisionNeedsZeroSevenAndIterativeScansZeroEight() {
        assertThat(PgVectorVersion.parse("0.6.2").atLeast(PgVectorVersion.MINIMUM))
                .isFalse();
        assertThat(PgVectorVersion.parse("0.7.4").atLeast(PgVectorVersion.MINIMUM))
                .isTrue();
        assertThat(PgVectorVersion.parse("1.0").atLeast(PgVectorVersion.MINIMUM))
                .isTrue();
        assertThat(PgVectorVersion.parse("0.7.4").iterativeScans()).isFalse();
        assertThat(PgVectorVersion.parse("0.8.0").iterativeScans()).isTrue();
        assertThat(PgVectorVersion.parse("1.0").iterativeScans()).isTrue();
    }

    @Test
    void rejectsTextThatIsNoVersion() {
        assertThatThrownBy(() -> PgVectorVersion.parse("latest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a pgvector version: 'latest'");
    }
}
