package dev.agentloop.cli.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Captures what a test terminal prints, and lets a test wait (without sleeping) until some text appears. */
public final class TerminalOutput extends OutputStream {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
        bytes.write(b);
        notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
        notifyAll();
    }

    /** Everything printed so far, with ANSI escape sequences removed. */
    public synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "");
    }

    /**
     * Waits until {@code expected} has been printed {@code times} times in all.
     *
     * @throws AssertionError naming the text and showing the output when it does not appear in time
     */
    public synchronized void await(String expected, int times, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (count(text(), expected) < times) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(
                        "Expected '" + expected + "' " + times + " time(s) in the terminal; got:\n" + text());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
