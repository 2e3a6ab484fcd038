package dev.agentloop.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer tokens the API accepts, each with a name that the audit records ({@code AGENT_API_TOKEN} holds them as
 * {@code name1:token1,name2:token2}). Tokens are compared in constant time: through their SHA-256 digests, against
 * every known token, without stopping at a match.
 */
public final class ApiTokens {

    /** Shorter tokens are refused: they can be guessed. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private final List<Entry> entries;

    private record Entry(String name, String token, byte[] digest) {}

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * No tokens: the API is open, and the server binds only to loopback.
     *
     * @return an empty set of tokens
     */
    public static ApiTokens none() {
        return new ApiTokens(List.of());
    }

    /**
     * Parses {@code name1:token1,name2:token2}. A blank spec gives {@link #none()}.
     *
     * @param spec the tokens, or blank for none
     * @return the tokens
     * @throws IllegalArgumentException naming the bad entry by its position or name, never showing a token
     */
    public static ApiTokens parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return none();
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] parts = spec.split(",");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            int colon = part.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("AGENT_API_TOKEN entry " + (i + 1)
                        + " has no name: write name:token, entries separated by commas");
            }
            String name = part.substring(0, colon).strip();
            String token = part.substring(colon + 1).strip();
            if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException(
                        "AGENT_API_TOKEN entry " + (i + 1) + ": a name is 1 to 64 letters, digits, '.', '_' or '-'");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("AGENT_API_TOKEN names '" + name + "' twice; names must differ");
            }
            if (token.length() < MIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException("AGENT_API_TOKEN: the token named '" + name + "' is shorter than "
                        + MIN_TOKEN_LENGTH + " characters; use a long random one (openssl rand -hex 32)");
            }
            entries.add(new Entry(name, token, digest(token)));
        }
        return new ApiTokens(entries);
    }

    /** {@return true when no token is configured (the API is open)} */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** {@return how many tokens are configured} */
    public int size() {
        return entries.size();
    }

    /** {@return the names of the tokens, in the order given} */
    public List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    /**
     * {@return the name of the token presented, or empty when it matches none} Takes the same time whichever token
     * matches, if any.
     *
     * @param presented the token sent with a request; null for none
     */
    public Optional<String> nameOf(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] given = digest(presented);
        String match = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(given, e.digest()) && match == null) {
                match = e.name();
            }
        }
        return Optional.ofNullable(match);
    }

    /** The token values, for redaction only. */
    List<String> values() {
        return entries.stream().map(Entry::token).toList();
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "ApiTokens" + names(); // never the tokens
    }
}
