package dev.agentloop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SandboxConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        SandboxConfig c = SandboxConfig.defaults();
        assertThat(c.network()).isEqualTo("none");
        assertThat(c.memoryBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(c.cpus()).isEqualTo(1.0);
        assertThat(c.toolCpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(c.pidsLimit()).isEqualTo(256);
        assertThat(c.uid()).isEqualTo(1000);
        assertThat(c.readOnlyRootFilesystem()).isTrue();
        assertThat(c.commandTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.outputCapBytes()).isEqualTo(1024 * 1024);
        assertThat(c.image(Language.PYTHON)).hasValue("agentloop/python");
        assertThat(c.image(Language.JAVA)).hasValue("agentloop/java");
    }

    @Test
    void rejectsBadValuesNamingThem() {
        assertThatThrownBy(() -> SandboxConfig.builder().user("0")).hasMessageContaining("root");
        assertThatThrownBy(() -> SandboxConfig.builder().user("sandbox")).hasMessageContaining("'sandbox'");
        assertThatThrownBy(() -> SandboxConfig.builder().network("host")).hasMessageContaining("'host'");
        assertThatThrownBy(() -> SandboxConfig.builder().commandTimeout(Duration.ZERO))
                .hasMessageContaining("command-timeout");
        assertThatThrownBy(() -> SandboxConfig.builder().pidsLimit(2)).hasMessageContaining("pids-limit");
        assertThatThrownBy(() -> SandboxConfig.builder().toolCpus(0)).hasMessageContaining("tool-cpus");
        assertThatThrownBy(() -> SandboxConfig.builder()
                        .memoryBytes(32L << 20)
                        .tmpfsBytes(64L << 20)
                        .build())
                .hasMessageContaining("tmpfs-size");
    }

    @Test
    void toBuilderKeepsEveryValue() {
        SandboxConfig c = SandboxConfig.builder()
                .cpus(0.5)
                .toolCpus(1.5)
                .pidsLimit(64)
                .user("1001:1002")
                .build();
        SandboxConfig copy = c.toBuilder().build();
        assertThat(copy.cpus()).isEqualTo(0.5);
        assertThat(copy.toolCpus()).isEqualTo(1.5);
        assertThat(copy.pidsLimit()).isEqualTo(64);
        assertThat(copy.gid()).isEqualTo(1002);
    }

    @Test
    void allowListFileIsReadPerLanguageAndProjectType() {
        AllowedDependencies deps = AllowedDependencies.fromJson("""
                {"$comment": "x", "python": {"all": ["pytest"], "data_pipeline": ["yaml"]}, "javascript": {"all": []}}
                """);
        assertThat(deps.allows(Language.PYTHON, ProjectType.LIBRARY, "pytest")).isTrue();
        assertThat(deps.allows(Language.PYTHON, ProjectType.LIBRARY, "yaml")).isFalse();
        assertThat(deps.allows(Language.PYTHON, ProjectType.DATA_PIPELINE, "yaml"))
                .isTrue();
        assertThatThrownBy(() -> AllowedDependencies.fromJson("{\"cobol\": {}}"))
                .hasMessageContaining("cobol");
        assertThatThrownBy(() -> AllowedDependencies.fromJson("[")).hasMessageContaining("JSON");
    }

    @Test
    void repositoryAllowListParses() {
        java.nio.file.Path file = TestEnvironment.repoRoot().resolve("config/allowed-deps.json");
        AllowedDependencies deps = AllowedDependencies.fromFile(file);
        assertThat(deps.allows(Language.PYTHON, ProjectType.LIBRARY, "hypothesis"))
                .isTrue();
        assertThat(deps.allows(Language.PYTHON, ProjectType.LIBRARY, "requests"))
                .isFalse();
    }
}
