package dev.agentloop.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config loader on mangled config files: it loads them or says why with a ConfigException, and never hangs. */
class ConfigLoaderFuzzTest {

    @TempDir
    Path temp;

    @Test
    void everyGeneratedConfigFileLoadsOrIsRejectedWithConfigException() throws Exception {
        Path shipped = Path.of("..").toAbsolutePath().normalize().resolve(ConfigLoader.PROJECT_FILE);
        List<String> samples = List.of(
                Files.readString(shipped),
                "loop:\n  max-iterations: 3\nbreaker:\n  same-failure-limit: 2\n  deadline: 5m\n",
                "models:\n  default: gpt-4o-mini\n  prices:\n    gpt-4o-mini: {input: 0.00015, output: 0.0006}\n",
                "sandbox:\n  images:\n    python: agentloop/python\n  memory: 512m\n# comment\n");
        Path project = Files.createDirectories(temp.resolve("project/config"));
        Path home = Files.createDirectories(temp.resolve("home"));
        Fuzz fuzz = Fuzz.seeded(2_026L);

        Fuzz.Report report = fuzz.run(
                Fuzz.INPUTS,
                f -> f.mutate(samples),
                yaml -> {
                    // a lone surrogate cannot be written as UTF-8 (it becomes '?'); invalid UTF-8 is added as bytes
                    byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
                    if (yaml.hashCode() % 7 == 0) {
                        byte[] broken = java.util.Arrays.copyOf(bytes, bytes.length + 2);
                        broken[bytes.length] = (byte) 0xC3;
                        broken[bytes.length + 1] = (byte) 0x28;
                        bytes = broken;
                    }
                    Files.write(project.resolve("agent.yaml"), bytes);
                    CliConfig config = new ConfigLoader(temp.resolve("project"), home, Map.of()).load(Map.of());
                    assertThat(config).isNotNull();
                },
                Set.of(ConfigException.class));

        System.out.println("fuzz config loader: " + report);
        assertThat(report.tried()).isEqualTo(Fuzz.INPUTS);
        assertThat(report.accepted()).isPositive();
    }
}
