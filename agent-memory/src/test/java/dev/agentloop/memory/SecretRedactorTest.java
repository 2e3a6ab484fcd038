package dev.agentloop.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    @Test
    void removesEverySampleSecretFromCode() {
        String redacted = SecretRedactor.redact(SecretSamples.CODE);
        SecretSamples.ALL.stream()
                .filter(s -> !s.equals(SecretSamples.BEARER) && !s.equals(SecretSamples.PEM_BODY))
                .forEach(secret -> assertThat(redacted).doesNotContain(secret));
        assertThat(redacted).contains("import os", "def connect():");
    }

    @Test
    void removesBearerTokensPasswordsAndPemBlocksFromOutput() {
        String redacted = SecretRedactor.redact(SecretSamples.OUTPUT);
        assertThat(redacted)
                .doesNotContain(SecretSamples.BEARER)
                .doesNotContain(SecretSamples.PASSWORD)
                .doesNotContain(SecretSamples.PEM_BODY)
                .doesNotContain("k7Pq9Zx2Lm4Nw8Rt6Yv1Ub3Hs5Jd0Fg")
                .contains("[REDACTED PRIVATE KEY]")
                .contains("FAILED test_client.py::test_login");
    }

    @Test
    void namesTheKindOfSecretItRemoved() {
        assertThat(SecretRedactor.redact("key " + SecretSamples.OPENAI)).isEqualTo("key [REDACTED sk-key]");
        assertThat(SecretRedactor.redact("id " + SecretSamples.AWS_ID)).isEqualTo("id [REDACTED aws-key-id]");
        assertThat(SecretRedactor.redact(SecretSamples.GITHUB)).isEqualTo("[REDACTED github-token]");
    }

    @Test
    void leavesOrdinaryTestOutputAlone() {
        String output =
                "E   assert 3 == 4\nE    +  where 3 = count_tokens('a b c')\ntest_solution.py:12: AssertionError";
        assertThat(SecretRedactor.redact(output)).isEqualTo(output);
    }

    @Test
    void treatsNullAsEmpty() {
        assertThat(SecretRedactor.redact(null)).isEmpty();
    }
}
