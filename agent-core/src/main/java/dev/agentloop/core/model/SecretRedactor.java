package dev.agentloop.core.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text with {@value #MARK}: the values of environment variables whose names contain KEY, TOKEN,
 * SECRET or PASSWORD (values of 8 characters or more), and strings shaped like API keys, bearer tokens and private
 * keys. Used before a trajectory line is written.
 */
public final class SecretRedactor {

    public static final String MARK = "[REDACTED]";

    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("\\bsk-[A-Za-z0-9_-]{16,}"),
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{20,}"),
            Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"),
            Pattern.compile("\\bxox[baprs]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{16,}"),
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"));

    private final List<String> values;

    private SecretRedactor(List<String> values) {
        this.values = values;
    }

    /** Redacts the secret-looking variables of {@code environment} and the known key shapes. */
    public static SecretRedactor of(Map<String, String> environment) {
        List<String> values = new ArrayList<>();
        environment.forEach((name, value) -> {
            String upper = name.toUpperCase(Locale.ROOT);
            boolean secretName = upper.contains("KEY")
                    || upper.contains("TOKEN")
                    || upper.contains("SECRET")
                    || upper.contains("PASSWORD");
            if (secretName && value != null && value.length() >= 8) {
                values.add(value);
            }
        });
        values.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretRedactor(List.copyOf(values));
    }

    /** Redacts the process's own environment. */
    public static SecretRedactor ofSystemEnvironment() {
        return of(System.getenv());
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String value : values) {
            out = out.replace(value, MARK);
        }
        for (Pattern shape : SHAPES) {
            out = shape.matcher(out).replaceAll(MARK);
        }
        return out;
    }
}
