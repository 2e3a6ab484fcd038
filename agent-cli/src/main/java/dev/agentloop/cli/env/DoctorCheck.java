package dev.agentloop.cli.env;

import java.util.Objects;

/** One check of {@code agent doctor}: a name and a way to run it. */
public interface DoctorCheck {

    /** What is checked, e.g. "database reachable". */
    String name();

    /** Runs the check; never throws (an unexpected error is a failed result). */
    Result run();

    /**
     * What a check found.
     *
     * @param status passed, warning (works but degraded) or failed
     * @param detail what was found, one line
     * @param fix the exact command that fixes a failure; empty when passed
     */
    record Result(Status status, String detail, String fix) {

        public Result {
            Objects.requireNonNull(status, "status");
            detail = detail == null ? "" : detail;
            fix = fix == null ? "" : fix;
        }

        public static Result ok(String detail) {
            return new Result(Status.OK, detail, "");
        }

        public static Result warn(String detail, String fix) {
            return new Result(Status.WARN, detail, fix);
        }

        public static Result fail(String detail, String fix) {
            return new Result(Status.FAIL, detail, fix);
        }
    }

    /** How a check ended. */
    enum Status {
        OK,
        WARN,
        FAIL,
        /** Not applicable with this config (e.g. the model endpoint when a scripted model is used). */
        SKIPPED
    }

    static DoctorCheck of(String name, java.util.function.Supplier<Result> body) {
        return new DoctorCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result run() {
                try {
                    return body.get();
                } catch (RuntimeException e) {
                    return Result.fail(e.getMessage() == null ? e.toString() : e.getMessage(), "");
                }
            }
        };
    }
}
