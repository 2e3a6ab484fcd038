package dev.agentloop.git.github;

import java.util.Map;

/**
 * The GitHub token, read only from the environment ({@code AGENT_GITHUB_TOKEN}, else {@code GITHUB_TOKEN}). Its
 * {@link #toString()} never shows it.
 */
public final class GitHubToken {

    /** The variables read, in order. */
    public static final String[] VARIABLES = {"AGENT_GITHUB_TOKEN", "GITHUB_TOKEN"};

    private final String value;

    private GitHubToken(String value) {
        this.value = value;
    }

    /**
     * {@return the token from the environment}
     *
     * @param environment the variables to read, usually {@code System.getenv()}
     * @throws GitHubException when neither variable is set
     */
    public static GitHubToken fromEnvironment(Map<String, String> environment) {
        for (String name : VARIABLES) {
            String v = environment.get(name);
            if (v != null && !v.isBlank()) {
                return new GitHubToken(v.trim());
            }
        }
        throw new GitHubException(
                GitHubFailure.NO_TOKEN,
                "No GitHub token: set GITHUB_TOKEN (or AGENT_GITHUB_TOKEN) to a token that may"
                        + " read issues, push branches and open pull requests on the repository.");
    }

    /**
     * {@return the token as credentials for fetching the repository over https: a private repository's clone}
     */
    public dev.agentloop.git.HttpCredentials fetchCredentials() {
        return dev.agentloop.git.HttpCredentials.token(value);
    }

    /** The secret itself, for the client and git only. */
    String value() {
        return value;
    }

    @Override
    public String toString() {
        return "GitHubToken[***]";
    }
}
