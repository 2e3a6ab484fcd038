package dev.agentloop.cli.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.cli.AgentCli;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.FakeBackends;
import dev.agentloop.cli.support.TerminalOutput;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL driven through a JLine terminal on pipes: keys in, screen out. */
class ReplTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    FakeBackends backends;
    CliHarness cli;
    PipedOutputStream keys;
    TerminalOutput screen;
    Terminal terminal;
    CompletableFuture<Integer> repl;

    @BeforeEach
    void start() throws IOException {
        backends = new FakeBackends();
        cli = new CliHarness(temp, backends);
        keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys, 64 * 1024);
        screen = new TerminalOutput();
        // An ExternalTerminal emulates the line discipline in Java, so a typed Ctrl-C raises SIGINT in-process the
        // way a real terminal's driver does (a pty-backed test terminal would send it to nobody).
        terminal = new ExternalTerminal("repl-test", "xterm", in, screen, StandardCharsets.UTF_8);
        terminal.setSize(new Size(120, 40));
        PrintWriter sink = new PrintWriter(terminal.writer(), true);
        var context = cli.context(sink, sink);
        AgentCli agent = AgentCli.create(context);
        repl = CompletableFuture.supplyAsync(() -> new Repl(context, agent.commandLine(), Optional.of(terminal)).run());
    }

    @AfterEach
    void stop() throws IOException {
        keys.close();
        terminal.close();
    }

    private void type(String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    @Test
    void ctrlCCancelsTheRunHistoryShowsItAndCtrlDLeaves() throws Exception {
        screen.await(Repl.PROMPT, 1, WAIT);
        type("\u0003"); // Ctrl-C at an empty prompt: nothing happens but a fresh prompt
        screen.await(Repl.PROMPT, 2, WAIT);

        backends.blockUntilCancelled = true;
        type("Write slugify(text) with tests\r");
        assertThat(backends.started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        type("\u0003");
        screen.await("CANCELLED", 1, WAIT);
        screen.await(Repl.PROMPT, 3, WAIT);
        assertThat(screen.text()).contains("Cancelling the run", "(exit 130)");

        type(":history\r");
        screen.await("stopped: cancelled", 1, WAIT);
        assertThat(screen.text()).contains("Write slugify(text) with tests");

        type("\u0004"); // Ctrl-D leaves
        assertThat(repl.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
        assertThat(Files.readString(cli.home.resolve(".agentloop/history"))).contains("Write slugify(text) with tests");
        assertThat(backends.requests).hasSize(1);
    }

    @Test
    void multiLineTaskAndReplCommands() throws Exception {
        screen.await(Repl.PROMPT, 1, WAIT);
        type("\"\"\"Write a function\r");
        screen.await(Repl.CONTINUATION.strip(), 1, WAIT);
        type("that parses dates\"\"\"\r");
        screen.await("SOLVED", 1, WAIT);
        assertThat(backends.requests.get(0).task().text()).isEqualTo("Write a function\nthat parses dates");

        type(":help\r");
        screen.await(":show ID", 1, WAIT);
        type(":bogus\r");
        screen.await("Unknown command :bogus", 1, WAIT);
        type("history --limit 1\r");
        screen.await("parses dates", 1, WAIT);
        type(":quit\r");
        assertThat(repl.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
    }
}
