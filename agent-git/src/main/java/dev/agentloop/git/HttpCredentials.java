package dev.agentloop.git;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Credentials for fetching from an {@code https} (or {@code http}) remote, e.g. a private GitHub repository: sent as an
 * HTTP {@code Authorization} header that git receives through its environment ({@code GIT_CONFIG_COUNT},
 * {@code GIT_CONFIG_KEY_n}, {@code GIT_CONFIG_VALUE_n}: {@code http.<remote URL>.extraHeader}, so only that remote gets
 * it). The secret is never put in a URL, a command line, the clone's configuration, a log line or a message, and
 * {@link #toString()} never shows it.
 */
public final class HttpCredentials {

    private final String user;
    private final String secret;

    private HttpCredentials(String user, String secret) {
        this.user = user;
        this.secret = secret;
    }

    /**
     * {@return a token as GitHub and GitHub Enterprise take it over git's HTTP protocol (user {@code
     * x-access-token})}
     *
     * @param token the token, e.g. from {@code GITHUB_TOKEN}
     * @throws IllegalArgumentException when the token is blank
     */
    public static HttpCredentials token(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        return new HttpCredentials("x-access-token", token.strip());
    }

    /** {@return the header's value: {@code Basic base64(user:secret)}} */
    String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** {@return the secret, for redacting it from git's messages} */
    String secret() {
        return secret;
    }

    @Override
    public String toString() {
        return "HttpCredentials[" + user + ":***]";
    }
}
