package dev.agentloop.core.internal.breaker;

/** What the breaker wants done about a failure. */
public enum Escalation {
    /** Nothing special: reflect and code again. */
    CONTINUE,
    /** The signature repeated: the Reflector is asked for a different hypothesis. */
    NEW_HYPOTHESIS,
    /** It repeated again: PLAN is redone with the failure history. */
    REPLAN,
    /** The last repeat before the limit, when a handler is present: the person is asked. */
    ASK_PERSON,
    /** The same-failure limit is reached: stop with {@code SAME_FAILURE_REPEATED}. */
    TRIP
}
