package dev.agentloop.cli.support;

import dev.agentloop.cli.AgentCli;
import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.env.Backends;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Runs agent commands in-process with captured output, a temporary project and home folder, and given backends. */
public final class CliHarness {

    public final Path projectDir;
    public final Path home;
    public final Map<String, String> env = new HashMap<>();
    public Backends backends;
    public String stdin = "";

    public CliHarness(Path tempDir, Backends backends) {
        this.projectDir = tempDir.resolve("project");
        this.home = tempDir.resolve("home");
        this.backends = backends;
        try {
            Files.createDirectories(projectDir.resolve("config"));
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result of one command. */
    public record Result(int exitCode, String out, String err) {}

    public CliHarness projectConfig(String yaml) {
        write(projectDir.resolve("config/agent.yaml"), yaml);
        return this;
    }

    public CliHarness userConfig(String yaml) {
        write(home.resolve(".agentloop/agent.yaml"), yaml);
        return this;
    }

    public CliContext context(PrintWriter out, PrintWriter err) {
        return CliContext.of(
                out,
                err,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                env,
                projectDir,
                home,
                Clock.fixed(Instant.parse("2025-01-01T10:00:05Z"), ZoneOffset.UTC),
                backends);
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AgentCli.create(context(new PrintWriter(out, true), new PrintWriter(err, true)))
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
