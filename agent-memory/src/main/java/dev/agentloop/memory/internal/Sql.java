package dev.agentloop.memory.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Small JDBC helpers: checked identifiers, vector literals, parameter lists. */
public final class Sql {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private Sql() {}

    /**
     * A schema name checked to be a plain lower-case SQL identifier (it is put into SQL text).
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("schema must be a lower-case SQL identifier ([a-z_][a-z0-9_]*, at"
                    + " most 63 characters), was '" + name + "'");
        }
        return name;
    }

    /**
     * Checks a JDBC url for PostgreSQL, e.g. {@code jdbc:postgresql://localhost:5432/agent}.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static String postgresJdbcUrl(String url) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:, was '" + url + "'");
        }
        return url;
    }

    /** pgvector's text form of a vector: {@code [0.1,0.2]}. */
    public static String vector(float[] v) {
        StringBuilder s = new StringBuilder(v.length * 12).append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(v[i]);
        }
        return s.append(']').toString();
    }

    /**
     * A vector bound as a parameter of no declared type, so that the statement's cast ({@code ?::halfvec}) gives the
     * parameter its type and PostgreSQL parses the text once, when it is bound. Bound as text instead, the cast is an
     * expression evaluated for every row the vector is compared with: a seq scan of 10,000 rows spent 1.5 s parsing.
     *
     * @param text pgvector's text form, {@link #vector(float[])}
     */
    public record VectorParam(String text) {}

    /** {@code v} as a {@link VectorParam}. */
    public static VectorParam vectorParam(float[] v) {
        return new VectorParam(vector(v));
    }

    /** Binds {@code v} at {@code index} as a {@link VectorParam}. */
    public static void setVector(PreparedStatement st, int index, VectorParam v) throws SQLException {
        st.setObject(index, v.text(), Types.OTHER);
    }

    public static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    public static Array textArray(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray(new String[0]));
    }

    public static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<String> out = new ArrayList<>(values.length);
        for (Object o : values) {
            out.add((String) o);
        }
        return out;
    }

    /** SQL text with its positional parameters, built piece by piece. */
    public static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        public Builder sql(String s) {
            text.append(s);
            return this;
        }

        public Builder sql(String s, Object... values) {
            text.append(s);
            params.addAll(List.of(values));
            return this;
        }

        public PreparedStatement prepare(Connection c) throws SQLException {
            PreparedStatement st = c.prepareStatement(text.toString());
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i) instanceof VectorParam v) {
                    setVector(st, i + 1, v);
                } else {
                    st.setObject(i + 1, params.get(i));
                }
            }
            return st;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
