package dev.agentloop.memory.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Migration versions as Flyway orders them ({@code 1 < 1.1 < 2 < 10}), and the newest one shipped in this jar, found
 * without Flyway so that a read-only open stays cheap.
 */
public final class SchemaVersions {

    /** Where the migrations live, as a resource folder. */
    public static final String MIGRATIONS = "dev/agentloop/memory/db/";

    private static final Pattern MIGRATION = Pattern.compile("V([0-9][0-9._]*)__[^/]*\\.sql");

    /** Orders versions by their numeric parts; a missing part counts as 0 ({@code 1 == 1.0}). */
    public static final Comparator<String> ORDER = SchemaVersions::compare;

    private SchemaVersions() {}

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            BigInteger p = i < x.length ? new BigInteger(x[i]) : BigInteger.ZERO;
            BigInteger q = i < y.length ? new BigInteger(y[i]) : BigInteger.ZERO;
            int c = p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The version of a migration file name ({@code V1_2__x.sql} is 1.2); empty for other names. */
    public static Optional<String> ofFileName(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        Matcher m = MIGRATION.matcher(base);
        if (!m.matches()) {
            return Optional.empty();
        }
        String version = m.group(1).replace('_', '.');
        return version.endsWith(".") ? Optional.empty() : Optional.of(version);
    }

    /** The newest of {@code versions}; empty when there is none. */
    public static Optional<String> newest(Stream<String> versions) {
        return versions.max(ORDER);
    }

    /**
     * The newest migration in the jar (or classes folder) this class was loaded from.
     *
     * @throws IllegalStateException when no migration can be found there (a broken build)
     */
    public static String shipped() {
        List<String> names = migrationNames();
        return newest(names.stream().map(SchemaVersions::ofFileName).flatMap(Optional::stream))
                .orElseThrow(() -> new IllegalStateException("no schema migration found under " + MIGRATIONS));
    }

    private static List<String> migrationNames() {
        CodeSource source = SchemaVersions.class.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            throw new IllegalStateException("cannot tell where the memory's migrations are");
        }
        try {
            Path path = Path.of(location.toURI());
            if (Files.isDirectory(path)) {
                Path folder = path.resolve(MIGRATIONS);
                if (!Files.isDirectory(folder)) {
                    return List.of();
                }
                try (Stream<Path> files = Files.list(folder)) {
                    return files.map(p -> p.getFileName().toString()).toList();
                }
            }
            try (JarFile jar = new JarFile(path.toFile())) {
                return jar.stream()
                        .map(JarEntry::getName)
                        .filter(n -> n.startsWith(MIGRATIONS))
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the memory's migrations in " + location, e);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot list the memory's migrations in " + location, e);
        }
    }
}
