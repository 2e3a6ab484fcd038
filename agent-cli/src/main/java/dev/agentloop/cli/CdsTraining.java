package dev.agentloop.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run for the launcher's class-data-sharing archive: {@code bin/agent} runs it once per build and Java
 * version with {@code -XX:ArchiveClassesAtExit}, so the archive holds the classes of the quick commands (help, the
 * config, history and show through the read-only database path, an error sentence and its log line) whichever
 * command happens to run first. Its output is discarded; it writes its log line to a temporary folder and changes
 * nothing in the database. Not a command for people.
 */
public final class CdsTraining {

    private CdsTraining() {}

    public static void main(String[] args) throws IOException {
        Path logs = Files.createTempDirectory("agent-cds");
        System.setProperty("agent.log.dir", logs.toString());
        try {
            CliContext system = CliContext.system();
            PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream(), true);
            CliContext quiet = CliContext.of(
                    nowhere,
                    nowhere,
                    InputStream.nullInputStream(),
                    system.env(),
                    system.projectDir(),
                    system.userHome(),
                    system.clock(),
                    system.backends());
            AgentCli cli = AgentCli.create(quiet);
            cli.execute("--help");
            cli.execute("history", "--help");
            // Works with the database up, and exercises the error path (exit 3, its log line) with it down.
            cli.execute("history", "--limit", "1");
            // No task has this id: the usage error and its log line.
            cli.execute("show", "00000000");
        } finally {
            try (Stream<Path> files = Files.walk(logs)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }
}
