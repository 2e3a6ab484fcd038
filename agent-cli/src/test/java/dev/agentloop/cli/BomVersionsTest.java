package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * agent-bom is not a child of the parent pom (importing it must not bring the parent's test libraries), so it names
 * the third-party versions again: they must be the ones the modules are built and tested with.
 */
class BomVersionsTest {

    private static final List<String> PINNED = List.of(
            "langchain4j.version",
            "jackson.version",
            "docker-java.version",
            "postgresql.version",
            "hikaricp.version",
            "flyway.version",
            "slf4j.version",
            "jgit.version");

    private static final Pattern PROPERTY = Pattern.compile("<([\\w.-]+\\.version)>([^<]+)</\\1>");

    private static Map<String, String> versions(Path pom) throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = PROPERTY.matcher(Files.readString(pom));
        while (m.find()) {
            found.putIfAbsent(m.group(1), m.group(2).strip());
        }
        return found;
    }

    @Test
    void theBomPinsTheThirdPartyVersionsTheParentBuildsWith() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Map<String, String> parent = versions(root.resolve("pom.xml"));
        Map<String, String> bom = versions(root.resolve("agent-bom/pom.xml"));

        for (String key : PINNED) {
            assertThat(bom.get(key)).as(key).isNotNull().isEqualTo(parent.get(key));
        }
    }
}
