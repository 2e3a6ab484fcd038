package dev.agentloop.core.internal.repomap;

import dev.agentloop.core.Language;
import dev.langchain4j.model.TokenCountEstimator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repository map of one folder: every file (listed by a {@link FileLister}), the definitions, imports and
 * references of its source files (from a {@link SymbolParser}, through a {@link SymbolCache} keyed by content), and
 * an index to rank them for a task.
 *
 * <pre>{@code
 * RepoMap map = RepoMap.build(workspace, SandboxSymbolParser.of(session), SymbolCache.inFolder(cacheDir));
 * Ranking ranking = map.rank(RankQuery.of(task, testOutput));
 * RenderedMap shown = map.render(ranking, 4000, estimator);   // whole files + map lines within 4000 tokens
 * map.update(List.of("pkg/b.py"));                             // after an edit: re-parses what changed
 * }</pre>
 *
 * <p>Building parses only the files the cache lacks; {@link #update} re-reads the given paths and re-parses only
 * those whose content changed; {@link #refresh} does the same for the whole folder (after a command that may have
 * changed anything). Ranking and rendering read an immutable {@link SymbolIndex} snapshot, so they may run while
 * another thread updates. Files over {@link #DEFAULT_MAX_FILE_BYTES} and binary files are listed, never parsed nor
 * shown; symbolic links are listed, never followed.
 */
public final class RepoMap {

    /** Files larger than this are listed as too large: 1 MB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 1_000_000;

    /** From this many files, reading, hashing and the cache go on all cores: a few files are read at once. */
    private static final int PARALLEL_ITEMS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(RepoMap.class);

    private final Path root;
    private final SymbolParser parser;
    private final SymbolCache cache;
    private final FileLister lister;
    private final FileInspector inspector;
    private final MapRanker ranker;
    private final RenderOptions renderOptions;
    private final Vocabulary vocabulary = new Vocabulary();
    private volatile SymbolIndex index;
    private BuildStats stats;

    private RepoMap(Builder b) {
        if (b.root == null || !Files.isDirectory(b.root)) {
            throw new IllegalArgumentException("The map's root " + b.root + " is not a folder");
        }
        this.root = b.root.toAbsolutePath().normalize();
        this.parser = Objects.requireNonNull(b.parser, "parser must be set");
        this.cache = b.cache;
        this.lister = b.lister;
        this.ranker = new MapRanker(b.weights);
        this.renderOptions = b.renderOptions;
        try {
            this.inspector = new FileInspector(root, b.maxFileBytes, parser.languages());
        } catch (IOException e) {
            throw new RepoMapException("Cannot read the map's root " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Builds the map of a folder with the default lister, limits and weights.
     *
     * @param root the folder; for {@link SandboxSymbolParser} the sandbox workspace or a folder inside it
     * @param parser parses the source files the cache lacks
     * @param cache where parsed symbols are kept between builds ({@link SymbolCache#none()} for none)
     * @throws IllegalArgumentException when the root is not a folder
     * @throws RepoMapException when the folder cannot be listed or the parser cannot run
     */
    public static RepoMap build(Path root, SymbolParser parser, SymbolCache cache) {
        return builder().root(root).parser(parser).cache(cache).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private void buildIndex() {
        long t0 = System.nanoTime();
        List<String> paths;
        try {
            paths = lister.list(root);
        } catch (IOException e) {
            throw new RepoMapException("Cannot list the files of " + root + ": " + e.getMessage(), e);
        }
        // Reading and hashing files is independent per file: on all cores (the order is kept).
        List<FileEntry> entries = parallel(paths).map(inspector::inspect).toList();
        long t1 = System.nanoTime();
        Resolved resolved = symbolsOf(entries);
        long t2 = System.nanoTime();
        List<IndexedFile> files = new ArrayList<>(entries.size());
        for (FileEntry entry : entries) {
            files.add(new IndexedFile(entry, resolved.symbols.get(entry.path()), vocabulary));
        }
        index = SymbolIndex.empty(vocabulary).with(files, List.of());
        long t3 = System.nanoTime();
        stats = new BuildStats(
                files.size(),
                resolved.sources,
                resolved.sources - resolved.parsed,
                resolved.parsed,
                Duration.ofNanos(t1 - t0),
                Duration.ofNanos(t2 - t1),
                Duration.ofNanos(t3 - t2));
        LOG.debug(
                "Repository map of {}: {} files, {} parsed, {} from the cache, in {} ms",
                root,
                files.size(),
                resolved.parsed,
                resolved.sources - resolved.parsed,
                (t3 - t0) / 1_000_000);
    }

    /**
     * Brings the map up to date for these paths (files or folders, relative to the root or absolute inside it):
     * added, changed and deleted files are found by their content; only changed source files are parsed.
     *
     * @throws IllegalArgumentException naming a path outside the root
     * @throws RepoMapException when the parser cannot run
     */
    public synchronized MapChange update(Collection<String> changedPaths) {
        Set<String> paths = new LinkedHashSet<>();
        for (String given : changedPaths) {
            String path = relative(given);
            Path file = root.resolve(path);
            if (Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> walk = Files.walk(file)) {
                    walk.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                            .map(p -> WalkingFileLister.relative(root, p))
                            .forEach(paths::add);
                } catch (IOException e) {
                    throw new RepoMapException("Cannot list " + file + ": " + e.getMessage(), e);
                }
            } else {
                paths.add(path);
            }
            String prefix = path.isEmpty() ? "" : path + "/";
            for (IndexedFile known : index.files()) {
                if (known.path().equals(path) || known.path().startsWith(prefix)) {
                    paths.add(known.path());
                }
            }
        }
        return apply(paths);
    }

    /**
     * Lists the whole folder again and brings the map up to date (for changes made by commands whose effects are
     * not known); hashes every source file, parses only the changed ones.
     *
     * @throws RepoMapException when the folder cannot be listed or the parser cannot run
     */
    public synchronized MapChange refresh() {
        Set<String> paths = new LinkedHashSet<>();
        try {
            paths.addAll(lister.list(root));
        } catch (IOException e) {
            throw new RepoMapException("Cannot list the files of " + root + ": " + e.getMessage(), e);
        }
        index.files().forEach(f -> paths.add(f.path()));
        return apply(paths);
    }

    private MapChange apply(Set<String> paths) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<FileEntry> fresh = new ArrayList<>();
        for (String path : paths) {
            Optional<IndexedFile> known = index.file(path);
            boolean exists = Files.exists(root.resolve(path), java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (!exists || !lister.includes(root, path)) {
                if (known.isPresent()) {
                    removed.add(path);
                }
                continue;
            }
            FileEntry entry = inspector.inspect(path);
            if (known.isPresent() && known.get().entry().equals(entry)) {
                continue;
            }
            (known.isPresent() ? changed : added).add(path);
            fresh.add(entry);
        }
        if (fresh.isEmpty() && removed.isEmpty()) {
            return new MapChange(added, changed, removed, 0);
        }
        Resolved resolved = symbolsOf(fresh);
        List<IndexedFile> files = new ArrayList<>(fresh.size());
        for (FileEntry entry : fresh) {
            files.add(new IndexedFile(entry, resolved.symbols.get(entry.path()), vocabulary));
        }
        index = index.with(files, removed);
        LOG.debug(
                "Repository map updated: {} added, {} changed, {} removed",
                added.size(),
                changed.size(),
                removed.size());
        return new MapChange(added, changed, removed, resolved.parsed);
    }

    /** Symbols for the source entries: from the cache, else parsed (one file per distinct content). */
    private Resolved symbolsOf(List<FileEntry> entries) {
        Map<SymbolCache.CacheKey, List<String>> byContent = new LinkedHashMap<>();
        int sources = 0;
        for (FileEntry entry : entries) {
            if (entry.kind() == FileKind.SOURCE) {
                sources++;
                byContent.computeIfAbsent(key(entry), k -> new ArrayList<>(1)).add(entry.path());
            }
        }
        List<SymbolCache.CacheKey> keys = new ArrayList<>(byContent.keySet());
        // Entries are small files: reading and decoding them is independent, so on all cores (the order is kept).
        List<Optional<FileSymbols>> cached = parallel(keys).map(cache::get).toList();
        Map<String, FileSymbols> symbols = new LinkedHashMap<>();
        Map<SymbolCache.CacheKey, List<String>> missing = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            List<String> paths = byContent.get(keys.get(i));
            Optional<FileSymbols> hit = cached.get(i);
            if (hit.isPresent()) {
                paths.forEach(path -> symbols.put(path, hit.get()));
            } else {
                missing.put(keys.get(i), paths);
            }
        }
        if (!missing.isEmpty()) {
            List<String> toParse =
                    missing.values().stream().map(list -> list.get(0)).toList();
            Map<String, FileSymbols> parsed = parser.parse(root, toParse);
            Map<SymbolCache.CacheKey, FileSymbols> fresh = new LinkedHashMap<>();
            missing.forEach((key, paths) -> {
                FileSymbols result = parsed.get(paths.get(0));
                if (result == null) {
                    result = FileSymbols.failed(ParseStatus.FAILED, "the parser returned nothing for it");
                }
                if (result.status() != ParseStatus.FAILED) {
                    fresh.put(key, result); // failures may be passing trouble (a timeout): never cached
                }
                for (String path : paths) {
                    symbols.put(path, result);
                }
            });
            parallel(new ArrayList<>(fresh.entrySet())).forEach(e -> cache.put(e.getKey(), e.getValue()));
        }
        return new Resolved(symbols, sources, missing.size());
    }

    /** A stream over the items, parallel when there are enough of them to be worth it. */
    private static <T> Stream<T> parallel(List<T> items) {
        return items.size() >= PARALLEL_ITEMS ? items.parallelStream() : items.stream();
    }

    private SymbolCache.CacheKey key(FileEntry entry) {
        Language language = SourceLanguages.of(entry.path()).orElseThrow();
        return new SymbolCache.CacheKey(parser.version(), language.id(), entry.hash());
    }

    private String relative(String given) {
        Objects.requireNonNull(given, "path");
        Path path = Path.of(given);
        Path absolute = (path.isAbsolute() ? path : root.resolve(path)).normalize();
        if (!absolute.startsWith(root)) {
            throw new IllegalArgumentException("The path " + given + " is outside the map's root " + root);
        }
        return WalkingFileLister.relative(root, absolute);
    }

    /** Ranks the current snapshot for the query (see {@link MapRanker}). */
    public Ranking rank(RankQuery query) {
        return ranker.rank(index, Objects.requireNonNull(query, "query"));
    }

    /**
     * Renders a ranking of the current snapshot within a token budget (see {@link MapRenderer}).
     *
     * @throws IllegalArgumentException when the budget is negative
     */
    public RenderedMap render(Ranking ranking, int budgetTokens, TokenCountEstimator estimator) {
        return new MapRenderer(root, index, renderOptions).render(ranking, budgetTokens, estimator);
    }

    /** The current snapshot, for {@link MapRanker#rank} and scorers. */
    public SymbolIndex index() {
        return index;
    }

    /** The folder mapped (absolute, normalised). */
    public Path root() {
        return root;
    }

    /** What the initial build took. */
    public BuildStats buildStats() {
        return stats;
    }

    private record Resolved(Map<String, FileSymbols> symbols, int sources, int parsed) {}

    /** Builds a {@link RepoMap}: root and parser are required. */
    public static final class Builder {
        private Path root;
        private SymbolParser parser;
        private SymbolCache cache = SymbolCache.none();
        private FileLister lister = FileLister.walking();
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private RankingWeights weights = RankingWeights.DEFAULTS;
        private RenderOptions renderOptions = RenderOptions.DEFAULTS;

        private Builder() {}

        /** The folder to map; required. */
        public Builder root(Path root) {
            this.root = Objects.requireNonNull(root, "root");
            return this;
        }

        /** The parser; required. */
        public Builder parser(SymbolParser parser) {
            this.parser = Objects.requireNonNull(parser, "parser");
            return this;
        }

        /** The cache; default {@link SymbolCache#none()}. */
        public Builder cache(SymbolCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** Which files the map covers; default {@link FileLister#walking()}. */
        public Builder lister(FileLister lister) {
            this.lister = Objects.requireNonNull(lister, "lister");
            return this;
        }

        /** Files larger than this are listed as too large; default {@link #DEFAULT_MAX_FILE_BYTES}. */
        public Builder maxFileBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxFileBytes must be >= 1, was " + bytes);
            }
            this.maxFileBytes = bytes;
            return this;
        }

        /** Ranking weights; default {@link RankingWeights#DEFAULTS}. */
        public Builder weights(RankingWeights weights) {
            this.weights = Objects.requireNonNull(weights, "weights");
            return this;
        }

        /** Rendering options; default {@link RenderOptions#DEFAULTS}. */
        public Builder renderOptions(RenderOptions options) {
            this.renderOptions = Objects.requireNonNull(options, "renderOptions");
            return this;
        }

        /**
         * Lists, inspects and parses the folder.
         *
         * @throws IllegalArgumentException when the root is not a folder
         * @throws NullPointerException when no parser was given
         * @throws RepoMapException when the folder cannot be listed or the parser cannot run
         */
        public RepoMap build() {
            RepoMap map = new RepoMap(this);
            map.buildIndex();
            return map;
        }
    }
}
