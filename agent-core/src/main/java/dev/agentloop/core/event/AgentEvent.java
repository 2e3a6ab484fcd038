package dev.agentloop.core.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An event of a run. Every event names its task, the iteration it happened in (0 before the first iteration, or
 * when the emitter, such as a sandbox, does not know it) and when it happened.
 */
public sealed interface AgentEvent
        permits RunStarted,
                Planned,
                PhaseEntered,
                ModelCalled,
                TestsRun,
                FailureStored,
                MemoryHit,
                FixLinked,
                BreakerWarning,
                BreakerEscalated,
                BreakerTripped,
                CommandBlocked,
                ApprovalDecided,
                AgentWarning,
                IterationFinished,
                ActionTaken,
                SourceOpened,
                MapRanked,
                HandedOff,
                RunFinished,
                RunResumed,
                Checkpointed {

    /** {@return the id of the task whose run published the event} */
    UUID taskId();

    /** {@return the iteration the event belongs to; 0 before the first} */
    int iteration();

    /** {@return when the event happened, by the agent's clock} */
    Instant at();
}
