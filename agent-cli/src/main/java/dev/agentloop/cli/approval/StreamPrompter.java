package dev.agentloop.cli.approval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Asks on a plain stream pair (a terminal without the REPL). */
public final class StreamPrompter implements Prompter {

    private final BufferedReader in;
    private final PrintWriter out;
    private final Runnable beforeAsking;

    /**
     * @param beforeAsking runs before the question is printed (clears a live status line)
     */
    public StreamPrompter(InputStream in, PrintWriter out, Runnable beforeAsking) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.beforeAsking = beforeAsking;
    }

    @Override
    public synchronized Optional<String> ask(String question) {
        beforeAsking.run();
        out.print(question);
        out.flush();
        try {
            String line = in.readLine();
            return line == null ? Optional.empty() : Optional.of(line.trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
