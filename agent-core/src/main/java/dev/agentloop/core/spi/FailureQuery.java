package dev.agentloop.core.spi;

import dev.agentloop.core.FailureSignature;
import dev.agentloop.core.Language;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A search for past failures similar to {@code probe}.
 *
 * <p>Among candidates of similar rank, failures of the {@code preferredRepository} come first, then failures in the
 * probe's language: a preference, not a filter (use {@code language} and {@code project} to filter).
 *
 * @param probe the failure to match (its id and task are not used for matching)
 * @param limit how many matches at most, 1..100
 * @param language only failures in this language; empty for all
 * @param project only failures of this project; empty for all
 * @param minSimilarity drop matches below this similarity (0..1)
 * @param verifiedFixesOnly only failures that have a verified fix
 * @param excludeTaskId leave out this task's own failures; empty to keep them
 * @param preferredRepository rank failures recorded in the repository of this name higher; empty for no preference
 */
public record FailureQuery(
        FailureRecord probe,
        int limit,
        Optional<Language> language,
        Optional<String> project,
        double minSimilarity,
        boolean verifiedFixesOnly,
        Optional<UUID> excludeTaskId,
        Optional<String> preferredRepository) {

    /** Default number of matches: 5. */
    public static final int DEFAULT_LIMIT = 5;

    /** The id and task id of a probe built by {@link #forError}: it was never stored, and ids are not matched. */
    private static final UUID PROBE_ID = new UUID(0, 0);

    /**
     * Checks the components.
     *
     * @param probe the failure to match (its id and task are not used for matching)
     * @param limit how many matches at most, 1..100
     * @param language only failures in this language; empty for all
     * @param project only failures of this project; empty for all
     * @param minSimilarity drop matches below this similarity (0..1)
     * @param verifiedFixesOnly only failures that have a verified fix
     * @param excludeTaskId leave out this task's own failures; empty to keep them
     * @param preferredRepository rank failures recorded in the repository of this name higher; empty for no preference
     * @throws IllegalArgumentException when the limit or the least similarity is out of range
     */
    public FailureQuery {
        Objects.requireNonNull(probe, "probe");
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be in 1..100, was " + limit);
        }
        if (minSimilarity < 0 || minSimilarity > 1) {
            throw new IllegalArgumentException("minSimilarity must be in 0..1, was " + minSimilarity);
        }
        language = language == null ? Optional.empty() : language;
        project = project == null ? Optional.empty() : project;
        excludeTaskId = excludeTaskId == null ? Optional.empty() : excludeTaskId;
        preferredRepository =
                preferredRepository == null ? Optional.empty() : preferredRepository.filter(name -> !name.isBlank());
    }

    /**
     * A query without a preferred repository.
     *
     * @param probe the failure to match
     * @param limit how many matches at most, 1..100
     * @param language only failures in this language; empty for all
     * @param project only failures of this project; empty for all
     * @param minSimilarity drop matches below this similarity (0..1)
     * @param verifiedFixesOnly only failures that have a verified fix
     * @param excludeTaskId leave out this task's own failures; empty to keep them
     */
    public FailureQuery(
            FailureRecord probe,
            int limit,
            Optional<Language> language,
            Optional<String> project,
            double minSimilarity,
            boolean verifiedFixesOnly,
            Optional<UUID> excludeTaskId) {
        this(probe, limit, language, project, minSimilarity, verifiedFixesOnly, excludeTaskId, Optional.empty());
    }

    /**
     * The {@value #DEFAULT_LIMIT} most similar failures, any language, any project, preferring the probe's own
     * repository when it has one.
     *
     * @param probe the failure to match
     * @return the query
     */
    public static FailureQuery similarTo(FailureRecord probe) {
        return new FailureQuery(
                probe,
                DEFAULT_LIMIT,
                Optional.empty(),
                Optional.empty(),
                0.0,
                false,
                Optional.empty(),
                probe.repositoryName());
    }

    /**
     * "Have we seen this error before?": the {@value #DEFAULT_LIMIT} past failures most similar to an error given by
     * its type and message, any project, those in {@code language} ranked first among near-equal matches (add
     * {@link #withLanguage(Language)} to keep only those). The message is normalised as the loop normalises its own
     * (paths, line numbers and numbers stripped) before matching.
     *
     * <pre>{@code
     * memory.findSimilar(FailureQuery.forError("KeyError", "'user_id'", Language.PYTHON));
     * }</pre>
     *
     * @param errorType the error's type, e.g. {@code TypeError}; never null, may be empty
     * @param message the error's message as printed; never null
     * @param language the language the error happened in; never null
     * @return the query; narrow it with the {@code with...} methods
     * @throws NullPointerException when an argument is null
     */
    public static FailureQuery forError(String errorType, String message, Language language) {
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(language, "language");
        String type = errorType.strip();
        FailureSignature signature = new FailureSignature(type, FailureSignature.normalise(message), "");
        FailureRecord probe = new FailureRecord(
                PROBE_ID,
                PROBE_ID,
                0,
                signature.value(),
                type,
                signature.message(),
                "",
                language,
                "",
                "",
                "",
                type.isEmpty() ? message : type + ": " + message,
                Instant.EPOCH);
        return similarTo(probe);
    }

    /**
     * Returns a copy of this query that returns at most {@code k} matches.
     *
     * @param k 1..100
     * @return the copy
     * @throws IllegalArgumentException when {@code k} is out of range
     */
    public FailureQuery withLimit(int k) {
        return new FailureQuery(
                probe, k, language, project, minSimilarity, verifiedFixesOnly, excludeTaskId, preferredRepository);
    }

    /**
     * {@return a copy that keeps only failures in {@code only}}
     *
     * @param only the language
     */
    public FailureQuery withLanguage(Language only) {
        return new FailureQuery(
                probe,
                limit,
                Optional.of(only),
                project,
                minSimilarity,
                verifiedFixesOnly,
                excludeTaskId,
                preferredRepository);
    }

    /**
     * {@return a copy that keeps only failures of the project {@code only}}
     *
     * @param only the project name
     */
    public FailureQuery withProject(String only) {
        return new FailureQuery(
                probe,
                limit,
                language,
                Optional.of(only),
                minSimilarity,
                verifiedFixesOnly,
                excludeTaskId,
                preferredRepository);
    }

    /**
     * {@return a copy that drops matches below {@code min}}
     *
     * @param min the least similarity, 0..1
     * @throws IllegalArgumentException when it is out of range
     */
    public FailureQuery withMinSimilarity(double min) {
        return new FailureQuery(
                probe, limit, language, project, min, verifiedFixesOnly, excludeTaskId, preferredRepository);
    }

    /** {@return a copy that keeps only failures with a verified fix} */
    public FailureQuery withVerifiedFixesOnly() {
        return new FailureQuery(
                probe, limit, language, project, minSimilarity, true, excludeTaskId, preferredRepository);
    }

    /**
     * {@return a copy that leaves out the failures of one task (the running one's own)}
     *
     * @param taskId the task to leave out
     */
    public FailureQuery excludingTask(UUID taskId) {
        return new FailureQuery(
                probe,
                limit,
                language,
                project,
                minSimilarity,
                verifiedFixesOnly,
                Optional.of(taskId),
                preferredRepository);
    }

    /**
     * Prefers failures recorded in the repository named {@code name} (blank: no preference).
     *
     * @param name the repository's name, {@code owner/name} or the folder's name; blank for no preference
     * @return the copy
     */
    public FailureQuery preferringRepository(String name) {
        return new FailureQuery(
                probe,
                limit,
                language,
                project,
                minSimilarity,
                verifiedFixesOnly,
                excludeTaskId,
                Optional.ofNullable(name));
    }
}
