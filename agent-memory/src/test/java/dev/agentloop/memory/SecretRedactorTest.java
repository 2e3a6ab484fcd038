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

    @Test
    void stripsTheUserAndPasswordFromARemoteUrl() {
        assertThat(SecretRedactor.withoutCredentials("https://alice:s3cr3t-T0ken@example.org/acme/shop.git"))
                .isEqualTo("https://example.org/acme/shop.git");
        assertThat(SecretRedactor.withoutCredentials("ssh://deploy:hunter22@example.org:2222/acme/shop.git"))
                .isEqualTo("ssh://example.org:2222/acme/shop.git");
    }

    @Test
    void stripsALoneTokenUserFromAnHttpsRemote() {
        assertThat(SecretRedactor.withoutCredentials("https://x-oauth-basic@example.org/acme/shop.git"))
                .isEqualTo("https://example.org/acme/shop.git");
        assertThat(SecretRedactor.withoutCredentials("https://" + SecretSamples.GITHUB + "@github.com/acme/shop"))
                .isEqualTo("https://github.com/acme/shop");
    }

    @Test
    void stripsAPasswordHoldingAnAtSign() {
        assertThat(SecretRedactor.withoutCredentials("https://bob:p@ss@example.org/x.git"))
                .isEqualTo("https://example.org/x.git");
    }

    @Test
    void keepsAnSshUserNameAndPlainLocations() {
        assertThat(SecretRedactor.withoutCredentials("ssh://git@example.org/acme/shop.git"))
                .isEqualTo("ssh://git@example.org/acme/shop.git");
        assertThat(SecretRedactor.withoutCredentials("git@github.com:acme/shop.git"))
                .isEqualTo("git@github.com:acme/shop.git");
        assertThat(SecretRedactor.withoutCredentials("/home/me/shop")).isEqualTo("/home/me/shop");
        assertThat(SecretRedactor.withoutCredentials("https://example.org/acme/shop.git?ref=a@b"))
                .isEqualTo("https://example.org/acme/shop.git?ref=a@b");
        assertThat(SecretRedactor.withoutCredentials(null)).isEmpty();
    }

    @Test
    void redactsATokenInTheQueryOfARemote() {
        assertThat(SecretRedactor.withoutCredentials("https://example.org/x.git?access_token=abcdef123456"))
                .doesNotContain("abcdef123456")
                .startsWith("https://example.org/x.git?access_token=");
    }
}
