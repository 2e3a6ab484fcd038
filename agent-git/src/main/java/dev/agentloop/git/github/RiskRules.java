package dev.agentloop.git.github;

import java.util.List;

/**
 * What {@link RiskAssessor} looks for; every glob is matched against repository-relative paths ({@code **} any
 * folders, {@code *} within a name).
 *
 * @param securityGlobs paths whose change is always high risk
 * @param migrationGlobs database migrations and schemas (high risk, and an approver is needed to merge)
 * @param dependencyGlobs dependency manifests (medium risk, and an approval is needed to merge)
 * @param testGlobs tests
 * @param docGlobs documentation
 * @param smallChangeLines changed lines (added plus removed) up to which a fix inside existing functions is low risk
 */
public record RiskRules(
        List<String> securityGlobs,
        List<String> migrationGlobs,
        List<String> dependencyGlobs,
        List<String> testGlobs,
        List<String> docGlobs,
        int smallChangeLines) {

    /**
     * Copies the lists.
     *
     * @param securityGlobs paths whose change is always high risk
     * @param migrationGlobs database migrations and schemas (high risk, and an approver is needed to merge)
     * @param dependencyGlobs dependency manifests (medium risk, and an approval is needed to merge)
     * @param testGlobs tests
     * @param docGlobs documentation
     * @param smallChangeLines changed lines (added plus removed) up to which a fix inside existing functions is low
     *     risk
     */
    public RiskRules {
        securityGlobs = List.copyOf(securityGlobs);
        migrationGlobs = List.copyOf(migrationGlobs);
        dependencyGlobs = List.copyOf(dependencyGlobs);
        testGlobs = List.copyOf(testGlobs);
        docGlobs = List.copyOf(docGlobs);
        if (smallChangeLines < 0) {
            throw new IllegalArgumentException("smallChangeLines must be 0 or more, was " + smallChangeLines);
        }
    }

    /** {@return the defaults (also those of {@code config/agent.yaml}'s {@code risk.*})} */
    public static RiskRules ofDefaults() {
        return new RiskRules(
                List.of(
                        "**/auth/**",
                        "**/security/**",
                        "**/*crypto*",
                        "**/*.pem",
                        "**/*.key",
                        ".github/workflows/**",
                        "**/Dockerfile"),
                List.of("**/migrations/**", "**/db/migration/**", "**/*.sql", "**/schema.*"),
                List.of(
                        "**/requirements*.txt",
                        "**/pyproject.toml",
                        "**/setup.py",
                        "**/setup.cfg",
                        "**/Pipfile",
                        "**/package.json",
                        "**/pom.xml",
                        "**/build.gradle*",
                        "**/go.mod",
                        "**/Cargo.toml"),
                List.of("**/tests/**", "**/test/**", "**/test_*.py", "**/*_test.py", "**/*.test.js", "**/*Test.java"),
                List.of("**/*.md", "**/*.rst", "**/*.txt", "**/docs/**"),
                30);
    }
}
