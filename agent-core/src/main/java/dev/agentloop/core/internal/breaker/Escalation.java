package dev.agentloop.core.internal.breaker;

/** What the breaker wants done about a failure. */
public enum Escalation {
    /** Nothing special: reflect and code again. */
    CONTINUE,
    /** The signature repeated: the Reflector is asked for a different hypothesis. */
    NEW_HYPOTHESIS,
    /** It repeated again: PLAN is redone with the failure history. */
    REPLAN,
    /** It repeated again: the person is asked (only offered when a handler is present). */
    ASK_PERSON,
    /** The ladder is exhausted and the limit reached: stop with {@code SAME_FAILURE_REPEATED}. */
    TRIP
}
