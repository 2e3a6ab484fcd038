package dev.agentloop.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.source.SourceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitTest {

    @TempDir
    Path tmp;

    @Test
    void readsVersionLines() {
        assertThat(Git.parseVersion("git version 2.39.5")).containsExactly(2, 39);
        assertThat(Git.parseVersion("git version 2.45.1.windows.1")).containsExactly(2, 45);
        assertThatThrownBy(() -> Git.parseVersion("not git"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("Cannot read git's version from 'not git'");
    }

    @Test
    void quotesGitsFatalLineWhenACallFails() {
        Git git = new Git("git");
        git.in(tmp, "init", "-q").run();
        assertThatThrownBy(() ->
                        git.in(tmp, "rev-parse", "--verify", "nothing-here").run())
                .isInstanceOf(SourceException.class)
                .hasMessage("git rev-parse --verify nothing-here failed in " + tmp + ": fatal: Needed a single "
                        + "revision.");
    }

    @Test
    void runsGitWithoutHooksUserConfigOrPrompts() throws Exception {
        Path fake = tmp.resolve("fake-git");
        java.nio.file.Files.writeString(
                fake,
                "#!/bin/sh\n"
                        + "echo \"args: $*\"\n"
                        + "echo \"global=$GIT_CONFIG_GLOBAL nosystem=$GIT_CONFIG_NOSYSTEM prompt=$GIT_TERMINAL_PROMPT\"\n");
        fake.toFile().setExecutable(true);

        String isolated = new Git(fake.toString()).in(tmp, "status").run().stdoutText();
        assertThat(isolated)
                .contains("-c safe.directory=* -c core.hooksPath=/dev/null")
                .contains(" status\nglobal=/dev/null nosystem=1 prompt=0\n");
        String network =
                new Git(fake.toString()).in(tmp, "fetch").withUserConfig().run().stdoutText();
        assertThat(network).contains("global= nosystem= prompt=0").contains("-c core.hooksPath=/dev/null");
    }

    @Test
    void splitsNulSeparatedOutput() {
        Git.Result result = new Git.Result(0, "a b\0c\0\0".getBytes(StandardCharsets.UTF_8), "");
        assertThat(result.nulSeparated()).containsExactly("a b", "c");
    }

    @Test
    void reportsAMissingGitBinary() {
        Git git = new Git(tmp.resolve("absent-git").toString());
        assertThatThrownBy(git::requireUsable)
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("it is not installed or not on the PATH; install git 2.36 or newer.");
    }
}
