package dev.agentloop.cli.output;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes records, collections and simple values as one line of JSON. Small on purpose: the CLI's JSON output must
 * not cost start-up time, and its shape is fixed here: records become objects with a {@code type} only when asked,
 * durations are milliseconds, instants ISO-8601, enums lower case, throwables their message.
 */
public final class JsonWriter {

    private JsonWriter() {}

    /** One line of JSON for a value. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        value(out, value);
        return out.toString();
    }

    /** One line of JSON for a record, with its simple class name as {@code "type"} first. */
    public static String writeTyped(Record value) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"type\":");
        string(out, value.getClass().getSimpleName());
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            out.append(',');
            string(out, c.getName());
            out.append(':');
            value(out, component(value, c));
        }
        return out.append('}').toString();
    }

    private static void value(StringBuilder out, Object v) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(out, s);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            out.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            out.append(
                    Double.isFinite(d)
                            ? String.format(Locale.ROOT, "%.6g", d).replaceAll("\\.?0+(e|$)", "$1")
                            : "null");
        } else if (v instanceof Number n) {
            out.append(n);
        } else if (v instanceof Enum<?> e) {
            string(out, e.name().toLowerCase(Locale.ROOT));
        } else if (v instanceof Duration d) {
            out.append(d.toMillis());
        } else if (v instanceof Instant || v instanceof Temporal || v instanceof UUID || v instanceof Path) {
            string(out, v.toString());
        } else if (v instanceof Optional<?> o) {
            value(out, o.orElse(null));
        } else if (v instanceof Throwable t) {
            string(out, t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        } else if (v instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, e.getKey() instanceof Enum<?> k ? k.name().toLowerCase(Locale.ROOT) : e.getKey() + "");
                out.append(':');
                value(out, e.getValue());
            }
            out.append('}');
        } else if (v instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                value(out, item);
            }
            out.append(']');
        } else if (v instanceof Record r) {
            out.append('{');
            boolean first = true;
            if (r.getClass().isMemberClass() && r.getClass().getInterfaces().length > 0) {
                // a case of a sealed outcome (AgentResult.Solved): say which one
                out.append("\"kind\":");
                string(out, r.getClass().getSimpleName().toLowerCase(Locale.ROOT));
                first = false;
            }
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, c.getName());
                out.append(':');
                value(out, component(r, c));
            }
            out.append('}');
        } else {
            string(out, v.toString());
        }
    }

    private static Object component(Record r, RecordComponent c) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Appends {@code s} as a JSON string literal (quoted, escaped). */
    public static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
