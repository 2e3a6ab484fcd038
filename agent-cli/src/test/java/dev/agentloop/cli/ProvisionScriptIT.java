package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.testing.RequiredService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/provision} on a machine it has already set up: started from a folder only its caller may enter
 * (the postgres user may not), it succeeds, changes nothing (the server's tuning included) and prints no error of a
 * command run as another user.
 */
class ProvisionScriptIT {

    @TempDir
    Path temp;

    @Test
    void aSecondRunFromAPrivateFolderIsQuietAndSucceeds() throws Exception {
        RequiredService.require(
                "root".equals(System.getProperty("user.name")),
                "scripts/provision needs root, and this test runs as " + System.getProperty("user.name"));
        Path privateFolder = Files.createDirectory(temp.resolve("private"));
        Files.setPosixFilePermissions(privateFolder, PosixFilePermissions.fromString("rwx------"));
        Path script = Path.of("..").toAbsolutePath().normalize().resolve("scripts/provision");

        // Docker and its images are other tests' business; the PostgreSQL steps are the ones run as postgres.
        Process p = new ProcessBuilder("bash", script.toString(), "--no-docker")
                .directory(privateFolder.toFile())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("provision finished").isTrue();

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("postgresql: role, database, vector").doesNotContain("could not change directory");
        // The tuning written by the first run is left as it is: no rewrite, no restart.
        assertThat(out).contains("settings already tuned for this machine").doesNotContain("restarting cluster");
    }
}
