package dev.agentloop.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.testing.RequiredService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every module's tests decide "skip or fail" in one place, {@link RequiredService}: a test that calls JUnit's
 * assumptions itself, or reads {@code CI} with its own check, could pass by skipping in CI.
 */
class SkipRuleTest {

    private static final Pattern OWN_SKIP = Pattern.compile(
            "org\\.junit\\.jupiter\\.api\\.Assumptions|\\bAssumptions\\.|\\bassume(True|False|That)\\s*\\(|\\bassumingThat\\s*\\(|\\babort\\s*\\(|getenv\\(\"CI\"\\)"
                    + "|^\\s*@Disabled\\b");

    @Test
    void noTestSkipsOrReadsCiOutsideTheOneHelper() throws IOException {
        Path root = repositoryRoot();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(p -> Files.isDirectory(p.resolve("src/test/java")))
                    .toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/test/java"))) {
                    for (Path file :
                            files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        if (file.getFileName().toString().equals("RequiredService.java")
                                || file.getFileName().toString().equals("SkipRuleTest.java")) {
                            continue;
                        }
                        List<String> lines = Files.readAllLines(file);
                        for (int i = 0; i < lines.size(); i++) {
                            if (OWN_SKIP.matcher(lines.get(i)).find()) {
                                offenders.add(root.relativize(file) + ":" + (i + 1) + ": "
                                        + lines.get(i).trim());
                            }
                        }
                    }
                }
            }
        }
        assertThat(offenders)
                .as("tests that skip, or read CI, without RequiredService")
                .isEmpty();
    }

    @Test
    void seesEveryModulesTests() throws IOException {
        try (Stream<Path> modules = Files.list(repositoryRoot())) {
            assertThat(modules.filter(p -> Files.isDirectory(p.resolve("src/test/java")))
                            .map(p -> p.getFileName().toString()))
                    .contains("agent-core", "agent-memory", "agent-sandbox", "agent-cli");
        }
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("agent-core"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no repository root above " + Path.of("").toAbsolutePath());
    }
}
