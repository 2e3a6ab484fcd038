package dev.agentloop.core.internal.repomap;

import dev.agentloop.core.Language;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.ExecStatus;
import dev.agentloop.core.spi.SandboxSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses files inside the task's sandbox, through {@link SandboxSession#exec}: Python with the interpreter's own
 * {@code ast} module ({@code python3 -I -c <script> FILE...}), JavaScript with acorn ({@code node -e <script> --
 * FILE...}, acorn from Debian's {@code node-acorn} at {@code /usr/share/nodejs/acorn}). The scripts are resources of
 * this package and travel as arguments: nothing is written to the workspace. Python runs isolated ({@code -I}) so a
 * module of the project named like a standard one ({@code ast.py}) cannot shadow it.
 *
 * <p>Files go in chunks (at most {@link #DEFAULT_CHUNK_FILES} files and {@link #DEFAULT_CHUNK_BYTES} bytes of
 * source each) so the output stays under the sandbox's cap; a chunk whose output was cut, that timed out or ran out
 * of memory is split in two and retried, down to single files, which are then reported as failed with the reason.
 * When a language's parser cannot run at all (no {@code node} in a Python image, no acorn), its files are reported
 * as failed with that reason and a warning is logged: the map still covers the other languages. A file whose name
 * trips the execution hooks ({@code tools/mkfs.py}) is reported as failed; hooks that refuse the parser itself stop
 * the build.
 */
public final class SandboxSymbolParser implements SymbolParser {

    /** Files per command, at most. */
    public static final int DEFAULT_CHUNK_FILES = 1000;

    /**
     * Bytes of source per command, at most: the records are about a quarter of the source, compressed to about a
     * tenth of it (CPython's {@code Lib/}: 31 MB of source, 7.4 MB of records, 3.2 MB compressed), and the sandbox
     * caps a command's output at 1 MiB.
     */
    public static final long DEFAULT_CHUNK_BYTES = 4L * 1024 * 1024;

    /** Time limit of one command. */
    public static final Duration DEFAULT_CHUNK_TIMEOUT = Duration.ofMinutes(2);

    /**
     * Chunks of at least this many Python files ask for {@link Builder#cpus more CPUs} than the sandbox's limit: the
     * script parses in parallel from 16 files on (8 per process); one file alone gains nothing.
     */
    public static final int PARALLEL_MIN_FILES = 16;

    private static final Logger LOG = LoggerFactory.getLogger(SandboxSymbolParser.class);
    /** How the scripts' compressed output starts. */
    private static final String COMPRESSED = "Z\t";

    private static final String PYTHON_SCRIPT = resource("python_symbols.py");
    private static final String JS_SCRIPT = resource("js_symbols.js");
    private static final String VERSION = "s1-" + shortHash(PYTHON_SCRIPT + "\0" + JS_SCRIPT);

    private final SandboxSession session;
    private final int chunkFiles;
    private final long chunkBytes;
    private final Duration timeout;
    private final double cpus;

    private SandboxSymbolParser(Builder b) {
        this.session = Objects.requireNonNull(b.session, "session");
        this.chunkFiles = b.chunkFiles;
        this.chunkBytes = b.chunkBytes;
        this.timeout = b.timeout;
        this.cpus = b.cpus;
    }

    /** A parser with the default chunk sizes and time limit. */
    public static SandboxSymbolParser of(SandboxSession session) {
        return builder().session(session).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Set<Language> languages() {
        return Set.of(Language.PYTHON, Language.JAVASCRIPT);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the root is not the session's workspace or a folder inside it
     * @throws RepoMapException when the sandbox's execution hooks refuse the parser's command (without any file)
     * @throws dev.agentloop.core.spi.SandboxException when the sandbox itself fails
     */
    @Override
    public Map<String, FileSymbols> parse(Path root, List<String> paths) {
        String directory = workingDirectory(root);
        Map<Language, List<String>> byLanguage = new EnumMap<>(Language.class);
        for (String path : paths) {
            Language language = SourceLanguages.of(path)
                    .filter(languages()::contains)
                    .orElseThrow(() -> new IllegalArgumentException("not a Python or JavaScript file: " + path));
            byLanguage.computeIfAbsent(language, l -> new ArrayList<>()).add(path);
        }
        Map<String, FileSymbols> result = new LinkedHashMap<>();
        byLanguage.forEach((language, files) -> result.putAll(parseLanguage(root, directory, language, files)));
        return result;
    }

    private Map<String, FileSymbols> parseLanguage(Path root, String directory, Language language, List<String> files) {
        Map<String, FileSymbols> result = new LinkedHashMap<>();
        Deque<List<String>> pending = new ArrayDeque<>(chunks(root, files));
        boolean probed = false;
        while (!pending.isEmpty()) {
            List<String> chunk = pending.removeFirst();
            ExecResult run = session.exec(request(language, directory, chunk));
            if (run.status() == ExecStatus.BLOCKED && !probed) {
                // A hook refused it: the command itself, or a file name in it (tools/mkfs.py trips the mkfs rule)?
                ExecResult bare = session.exec(request(language, directory, List.of()));
                if (bare.status() == ExecStatus.BLOCKED) {
                    throw new RepoMapException("The sandbox's execution hooks refused the symbol parser's command"
                            + " (rule " + bare.blockedBy() + "); allow it or build the repository map without a"
                            + " parser");
                }
                probed = true;
            }
            String problem = problem(run);
            if (problem == null) {
                Map<String, FileSymbols> decoded = decode(language, run.stdout());
                for (String path : chunk) {
                    result.put(
                            path,
                            decoded.getOrDefault(
                                    path, FileSymbols.failed(ParseStatus.FAILED, "the parser printed nothing for it")));
                }
            } else if (unavailable(run)) {
                // The script could not start or died before its first record (it reports every per-file problem
                // as a record): its language's parser cannot run here. The other languages are still mapped.
                String reason = parserName(language) + " cannot run in the sandbox (exit " + run.exitCode() + "): "
                        + lastLine(run.stderr());
                LOG.warn("{}; its {} files are listed without symbols", reason, language.id());
                for (List<String> rest = chunk; rest != null; rest = pending.pollFirst()) {
                    rest.forEach(path -> result.put(path, FileSymbols.failed(ParseStatus.FAILED, reason)));
                }
            } else if (chunk.size() > 1) {
                LOG.debug("Splitting a chunk of {} {} files: {}", chunk.size(), language.id(), problem);
                int half = chunk.size() / 2;
                pending.addFirst(chunk.subList(half, chunk.size()));
                pending.addFirst(chunk.subList(0, half));
            } else {
                result.put(chunk.get(0), FileSymbols.failed(ParseStatus.FAILED, problem));
            }
        }
        return result;
    }

    /** Why a run's output cannot be used as it is; null when it can. */
    private String problem(ExecResult run) {
        return switch (run.status()) {
            case BLOCKED -> "its name trips the sandbox's execution hooks (rule " + run.blockedBy() + ")";
            case TIMED_OUT -> "parsing timed out after " + timeout.toSeconds() + " s";
            case OUT_OF_MEMORY -> "parsing ran out of the sandbox's memory";
            case EXITED ->
                run.exitCode() != 0
                        ? "the parser crashed (exit " + run.exitCode() + ")"
                        : run.stdoutDropped() > 0 ? "its symbols exceed the sandbox's output cap" : null;
        };
    }

    /**
     * True when a language's parser cannot run here: the command was not found or not executable (126, 127), or it
     * failed with status 1 before printing anything (a missing module, an interpreter too old for the script). A
     * crash by a signal (a parser's stack overflow on one pathological file) is not that: its chunk is split.
     */
    private static boolean unavailable(ExecResult run) {
        if (run.status() != ExecStatus.EXITED) {
            return false;
        }
        int code = run.exitCode();
        return code == 126 || code == 127 || (code == 1 && run.stdout().isBlank());
    }

    private static Map<String, FileSymbols> decode(Language language, String stdout) {
        try {
            return SymbolRecords.decode(records(stdout));
        } catch (IllegalArgumentException e) {
            throw new RepoMapException(
                    "The " + parserName(language) + " printed output the map cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The records a parser script printed: they come compressed, as one line {@code Z<tab><base64 of the
     * zlib-compressed UTF-8 records>}; any other output is taken as the records themselves.
     *
     * @throws IllegalArgumentException when the compressed line is damaged
     */
    static String records(String stdout) {
        if (!stdout.startsWith(COMPRESSED)) {
            return stdout;
        }
        int end = stdout.length();
        while (end > COMPRESSED.length() && Character.isWhitespace(stdout.charAt(end - 1))) {
            end--;
        }
        byte[] compressed = Base64.getDecoder()
                .decode(stdout.substring(COMPRESSED.length(), end).getBytes(StandardCharsets.ISO_8859_1));
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
            byte[] buffer = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("the compressed records end before their end");
                }
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("the compressed records are damaged: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private ExecRequest request(Language language, String directory, List<String> files) {
        List<String> argv = new ArrayList<>(files.size() + 4);
        if (language == Language.PYTHON) {
            argv.addAll(List.of("python3", "-I", "-c", PYTHON_SCRIPT));
        } else {
            argv.addAll(List.of("node", "-e", JS_SCRIPT, "--"));
        }
        argv.addAll(files);
        ExecRequest request = new ExecRequest(argv, directory, Map.of(), timeout);
        // Only the Python script parses in parallel (processes of its own); node's parses in one thread.
        return language == Language.PYTHON && files.size() >= PARALLEL_MIN_FILES ? request.withCpus(cpus) : request;
    }

    private List<List<String>> chunks(Path root, List<String> files) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        long bytes = 0;
        for (String file : files) {
            long size = sizeOf(root.resolve(file));
            if (!current.isEmpty() && (current.size() >= chunkFiles || bytes + size > chunkBytes)) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(file);
            bytes += size;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private String workingDirectory(Path root) {
        Path workspace = session.workspace().toAbsolutePath().normalize();
        Path folder = root.toAbsolutePath().normalize();
        if (!folder.startsWith(workspace)) {
            throw new IllegalArgumentException(
                    "The map's root " + folder + " is not inside the sandbox workspace " + workspace);
        }
        return workspace.relativize(folder).toString().replace('\\', '/');
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // the script reports it as unreadable
        }
    }

    private static String parserName(Language language) {
        return language == Language.PYTHON
                ? "Python symbol parser (python3, ast)"
                : "JavaScript symbol parser (node, acorn)";
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
        return last.isEmpty() ? "no error output" : last.length() > 300 ? last.substring(0, 300) + "..." : last;
    }

    private static String resource(String name) {
        try (InputStream in = SandboxSymbolParser.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the parser script " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the parser script " + name, e);
        }
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Builds a {@link SandboxSymbolParser}; only the session is required. */
    public static final class Builder {
        private SandboxSession session;
        private int chunkFiles = DEFAULT_CHUNK_FILES;
        private long chunkBytes = DEFAULT_CHUNK_BYTES;
        private Duration timeout = DEFAULT_CHUNK_TIMEOUT;
        private double cpus = Runtime.getRuntime().availableProcessors();

        private Builder() {}

        /** The session whose workspace holds the map's root; required. */
        public Builder session(SandboxSession session) {
            this.session = Objects.requireNonNull(session, "session");
            return this;
        }

        /** Files per command, at most; default 1000. */
        public Builder chunkFiles(int files) {
            if (files < 1) {
                throw new IllegalArgumentException("chunkFiles must be >= 1, was " + files);
            }
            this.chunkFiles = files;
            return this;
        }

        /** Bytes of source per command, at most (a larger single file still goes alone); default 4 MiB. */
        public Builder chunkBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("chunkBytes must be >= 1, was " + bytes);
            }
            this.chunkBytes = bytes;
            return this;
        }

        /** Time limit of one command; default 2 minutes. */
        public Builder timeout(Duration limit) {
            Objects.requireNonNull(limit, "timeout");
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + limit);
            }
            this.timeout = limit;
            return this;
        }

        /**
         * The CPUs a chunk of at least {@link #PARALLEL_MIN_FILES} files asks the sandbox for ({@link
         * ExecRequest#cpus()}), above the sandbox's limit for that command: the parser is the library's own code,
         * and a cold build is mostly parsing; default the machine's processors. The sandbox grants at most its
         * ceiling; 1 keeps every chunk within the sandbox's usual limit.
         */
        public Builder cpus(double count) {
            if (!(count > 0)) {
                throw new IllegalArgumentException("cpus must be positive, was " + count);
            }
            this.cpus = count;
            return this;
        }

        /**
         * The parser.
         *
         * @throws NullPointerException when no session was given
         */
        public SandboxSymbolParser build() {
            Objects.requireNonNull(session, "session must be set");
            return new SandboxSymbolParser(this);
        }
    }
}
