package dev.agentloop.cli.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.cli.AgentCli;
import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.env.DefaultBackends;
import dev.agentloop.cli.support.Services;
import dev.agentloop.cli.support.TerminalOutput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL against the real memory and Docker sandbox: a run whose tests sleep is cancelled with Ctrl-C while its
 * container runs them; the run is recorded as cancelled and its container is gone.
 */
class ReplIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    String schema;
    PipedOutputStream keys;
    TerminalOutput screen;
    Terminal terminal;

    @BeforeEach
    void setUp() throws IOException {
        Services.require();
        schema = "cli_repl_it_" + UUID.randomUUID().toString().substring(0, 8);
        keys = new PipedOutputStream();
        screen = new TerminalOutput();
        terminal = new ExternalTerminal(
                "repl-it", "xterm", new PipedInputStream(keys, 64 * 1024), screen, StandardCharsets.UTF_8);
        terminal.setSize(new Size(160, 40));
    }

    @AfterEach
    void tearDown() throws IOException {
        keys.close();
        terminal.close();
        if (schema != null) {
            Services.dropSchema(schema);
        }
    }

    private void type(String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    @Test
    void ctrlCCancelsARunningSandboxAndLeavesNoContainer() throws Exception {
        Path project = Path.of("..").toAbsolutePath().normalize();
        Map<String, String> env = Services.env(Map.of(
                "AGENT_DATABASE_SCHEMA",
                schema,
                "AGENT_WORKSPACE",
                temp.resolve("ws").toString()));
        PrintWriter sink = new PrintWriter(terminal.writer(), true);
        CliContext context = CliContext.of(
                sink,
                sink,
                new ByteArrayInputStream(new byte[0]),
                env,
                project,
                temp.resolve("home"),
                Clock.systemUTC(),
                new DefaultBackends(env, project));
        CompletableFuture<Integer> repl = CompletableFuture.supplyAsync(
                () -> new Repl(context, AgentCli.create(context).commandLine(), Optional.of(terminal)).run());
        screen.await(Repl.PROMPT, 1, WAIT);
        Path scenario = Path.of("src/test/resources/scenarios/slow-tests").toAbsolutePath();
        type("run --model-script " + scenario + "\r");
        screen.await("[TEST]", 1, WAIT);

        type("\u0003");
        screen.await("CANCELLED", 1, WAIT);
        screen.await("(exit 130)", 1, WAIT);

        type(":history\r");
        screen.await("stopped: cancelled", 1, WAIT);
        assertThat(screen.text()).contains("Sleepy task");

        type("\u0004");
        assertThat(repl.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();

        String taskId;
        try (Connection c = Services.connect();
                PreparedStatement st = c.prepareStatement("SELECT id::text, status FROM " + schema + ".tasks");
                ResultSet rs = st.executeQuery()) {
            assertThat(rs.next()).isTrue();
            taskId = rs.getString(1);
            assertThat(rs.getString(2)).isEqualTo("STOPPED");
        }
        assertThat(Services.containersLabelled("dev.agentloop.task", taskId)).isEmpty();
    }
}
