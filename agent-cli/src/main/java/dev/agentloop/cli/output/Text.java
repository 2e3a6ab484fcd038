package dev.agentloop.cli.output;

import dev.agentloop.cli.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small text helpers for people-facing output. */
public final class Text {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private Text() {}

    /** Cuts to {@code width} characters, ending with an ellipsis when something was cut. */
    public static String cut(String s, int width) {
        if (s.length() <= width) {
            return s;
        }
        return width <= 1 ? s.substring(0, Math.max(0, width)) : s.substring(0, width - 1) + "…";
    }

    /** The first line of a text, cut. */
    public static String firstLine(String s, int width) {
        int newline = s.indexOf('\n');
        return cut(newline < 0 ? s : s.substring(0, newline), width);
    }

    public static String when(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }

    public static String duration(Duration d) {
        return Durations.human(d);
    }

    public static String cost(double cost) {
        return String.format(Locale.ROOT, "$%.4f", cost);
    }

    /** 12345 → 12.3k. */
    public static String count(long n) {
        if (n < 10_000) {
            return Long.toString(n);
        }
        return n < 10_000_000
                ? String.format(Locale.ROOT, "%.1fk", n / 1000.0)
                : String.format(Locale.ROOT, "%.1fM", n / 1_000_000.0);
    }

    public static String similarity(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    /** A UUID's first 8 characters, the short id accepted by {@code agent show}. */
    public static String shortId(java.util.UUID id) {
        return id.toString().substring(0, 8);
    }

    /** lower_case enum name with spaces, e.g. ITERATION_LIMIT → iteration limit. */
    public static String words(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
