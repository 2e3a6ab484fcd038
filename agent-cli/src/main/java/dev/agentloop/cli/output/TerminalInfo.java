package dev.agentloop.cli.output;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Whether the process talks to a person at a terminal, and how wide that terminal is. Detection avoids starting
 * JLine: {@code agent --help} and {@code agent history} must start fast.
 *
 * @param interactive stdin and stdout are a terminal (live status line, prompts, colours)
 * @param widthSupplier the current width in columns; asked each time a table is printed
 */
public record TerminalInfo(boolean interactive, IntSupplier widthSupplier) {

    /** The width used when output goes to a pipe or a file. */
    public static final int DEFAULT_WIDTH = 120;

    /** Not a terminal: plain lines, {@value #DEFAULT_WIDTH} columns. */
    public static TerminalInfo plain() {
        return new TerminalInfo(false, () -> DEFAULT_WIDTH);
    }

    /** Not a terminal, with a fixed width. */
    public static TerminalInfo plain(int width) {
        return new TerminalInfo(false, () -> width);
    }

    public int width() {
        int width = widthSupplier.getAsInt();
        return width < 20 ? DEFAULT_WIDTH : width;
    }

    /**
     * Detects the real terminal. {@code COLUMNS} wins when set; otherwise the width comes from {@code stty} on the
     * controlling terminal, asked lazily only when a table is printed.
     */
    public static TerminalInfo detect(Map<String, String> env) {
        boolean interactive = isTerminal();
        String columns = env.getOrDefault("COLUMNS", "");
        if (columns.matches("\\d{2,4}")) {
            int width = Integer.parseInt(columns);
            return new TerminalInfo(interactive, () -> width);
        }
        if (!interactive) {
            return plain();
        }
        return new TerminalInfo(true, TerminalInfo::sttyWidth);
    }

    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        // From JDK 22 on System.console() is non-null even when redirected; isTerminal() tells the truth there.
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private static int sttyWidth() {
        try {
            Process process = new ProcessBuilder("sh", "-c", "stty size < /dev/tty")
                    .redirectErrorStream(true)
                    .start();
            String text =
                    new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            process.waitFor();
            String[] parts = text.split("\\s+");
            return parts.length == 2 ? Integer.parseInt(parts[1]) : DEFAULT_WIDTH;
        } catch (java.io.IOException | NumberFormatException e) {
            return DEFAULT_WIDTH;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_WIDTH;
        }
    }
}
