package dev.agentloop.cli.batch;

import java.util.Optional;

/**
 * A batch instance that cannot run: a malformed line, an unknown field, a repository that does not exist, a gold
 * patch that does not apply. Reported for that instance only; the rest of the batch still runs.
 */
public final class InvalidInstanceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final transient Optional<String> id;

    /**
     * @param line the 1-based line number in the batch file
     * @param id the instance's id when the line had one
     * @param problem one sentence saying what is wrong and, where it helps, how to fix it
     */
    public InvalidInstanceException(int line, Optional<String> id, String problem) {
        super(problem);
        this.line = line;
        this.id = id == null ? Optional.empty() : id;
    }

    /** The problem with an instance that was parsed. */
    public static InvalidInstanceException of(BatchInstance instance, String problem) {
        return new InvalidInstanceException(instance.line(), Optional.of(instance.id()), problem);
    }

    public int line() {
        return line;
    }

    public Optional<String> id() {
        return id;
    }

    /** "line 12 (HumanEval/3): problem". */
    public String describe() {
        return "line " + line + id.map(i -> " (" + i + ")").orElse("") + ": " + getMessage();
    }
}
