package dev.agentloop.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.testing.SecretSamples;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    private final SecretRedactor rules = SecretRedactor.ofDefaults();

    @Test
    void removesEverySampleSecretFromCode() {
        String redacted = rules.redact(SecretSamples.CODE);
        SecretSamples.ALL.stream()
                .filter(s -> !s.equals(SecretSamples.BEARER) && !s.equals(SecretSamples.PEM_BODY))
                .forEach(secret -> assertThat(redacted).doesNotContain(secret));
        assertThat(redacted).contains("import os", "def connect():");
    }

    @Test
    void removesBearerTokensPasswordsAndPemBlocksFromOutput() {
        String redacted = rules.redact(SecretSamples.OUTPUT);
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
        assertThat(rules.redact("key " + SecretSamples.OPENAI)).isEqualTo("key [REDACTED sk-key]");
        assertThat(rules.redact("id " + SecretSamples.AWS_ID)).isEqualTo("id [REDACTED aws-key-id]");
        assertThat(rules.redact(SecretSamples.GITHUB)).isEqualTo("[REDACTED github-token]");
    }

    @Test
    void leavesOrdinaryTestOutputAlone() {
        String output =
                "E   assert 3 == 4\nE    +  where 3 = count_tokens('a b c')\ntest_solution.py:12: AssertionError";
        assertThat(rules.redact(output)).isEqualTo(output);
    }

    @Test
    void treatsNullAsEmpty() {
        assertThat(rules.redact(null)).isEmpty();
    }

    @Test
    void stripsTheUserAndPasswordFromARemoteUrl() {
        assertThat(rules.withoutCredentials("https://alice:s3cr3t-T0ken@example.org/acme/shop.git"))
                .isEqualTo("https://example.org/acme/shop.git");
        assertThat(rules.withoutCredentials("ssh://deploy:hunter22@example.org:2222/acme/shop.git"))
                .isEqualTo("ssh://example.org:2222/acme/shop.git");
    }

    @Test
    void stripsALoneTokenUserFromAnHttpsRemote() {
        assertThat(rules.withoutCredentials("https://x-oauth-basic@example.org/acme/shop.git"))
                .isEqualTo("https://example.org/acme/shop.git");
        assertThat(rules.withoutCredentials("https://" + SecretSamples.GITHUB + "@github.com/acme/shop"))
                .isEqualTo("https://github.com/acme/shop");
    }

    @Test
    void stripsAPasswordHoldingAnAtSign() {
        assertThat(rules.withoutCredentials("https://bob:p@ss@example.org/x.git"))
                .isEqualTo("https://example.org/x.git");
    }

    @Test
    void keepsAnSshUserNameAndPlainLocations() {
        assertThat(rules.withoutCredentials("ssh://git@example.org/acme/shop.git"))
                .isEqualTo("ssh://git@example.org/acme/shop.git");
        assertThat(rules.withoutCredentials("git@github.com:acme/shop.git")).isEqualTo("git@github.com:acme/shop.git");
        assertThat(rules.withoutCredentials("/home/me/shop")).isEqualTo("/home/me/shop");
        assertThat(rules.withoutCredentials("https://example.org/acme/shop.git?ref=a@b"))
                .isEqualTo("https://example.org/acme/shop.git?ref=a@b");
        assertThat(rules.withoutCredentials(null)).isEmpty();
    }

    @Test
    void redactsATokenInTheQueryOfARemote() {
        assertThat(rules.withoutCredentials("https://example.org/x.git?access_token=abcdef123456"))
                .doesNotContain("abcdef123456")
                .startsWith("https://example.org/x.git?access_token=");
    }

    @Test
    void theTrajectorysRedactorAppliesTheSameRulesAsTheMemory() {
        SecretRedactor trajectory = SecretRedactor.of(Map.of());
        String line = "login(password=\"" + SecretSamples.PASSWORD + "\") token " + SecretSamples.BEARER
                + " remote https://alice:s3cr3t-T0ken@example.org/x.git";

        String redacted = trajectory.redact(line);

        assertThat(redacted)
                .doesNotContain(SecretSamples.PASSWORD)
                .doesNotContain(SecretSamples.BEARER)
                .doesNotContain("s3cr3t-T0ken")
                .isEqualTo(SecretRedactor.ofDefaults().redact(line));
    }

    @Test
    void alsoRedactsTheValuesOfSecretLookingEnvironmentVariables() {
        SecretRedactor redactor =
                SecretRedactor.of(Map.of("MY_SERVICE_TOKEN", "plain-value-123", "HOME", "/home/someone"));

        assertThat(redactor.redact("sent plain-value-123 from /home/someone"))
                .isEqualTo("sent [REDACTED] from /home/someone");
    }
}
