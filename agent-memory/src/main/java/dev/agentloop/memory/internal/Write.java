package dev.agentloop.memory.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.agentloop.core.spi.ApprovalRecord;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.IterationRecord;
import dev.agentloop.core.spi.RetrievalRecord;
import dev.agentloop.core.spi.SuccessPattern;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskRecord;
import java.util.UUID;

/** One write to the memory, as it is spooled and replayed. Records are already redacted. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Write.Task.class, name = "task"),
    @JsonSubTypes.Type(value = Write.Iteration.class, name = "iteration"),
    @JsonSubTypes.Type(value = Write.Completion.class, name = "completion"),
    @JsonSubTypes.Type(value = Write.Failure.class, name = "failure"),
    @JsonSubTypes.Type(value = Write.Fix.class, name = "fix"),
    @JsonSubTypes.Type(value = Write.Retrieval.class, name = "retrieval"),
    @JsonSubTypes.Type(value = Write.Approval.class, name = "approval"),
    @JsonSubTypes.Type(value = Write.Pattern.class, name = "pattern")
})
public sealed interface Write {

    record Task(TaskRecord record) implements Write {}

    record Iteration(IterationRecord record) implements Write {}

    record Completion(TaskCompletion record) implements Write {}

    record Failure(FailureRecord record) implements Write {}

    record Fix(FixRecord record) implements Write {}

    record Retrieval(RetrievalRecord record) implements Write {}

    /** The id is derived from the content when the write is first made, so a replay stores it once. */
    record Approval(UUID id, UUID taskId, ApprovalRecord record) implements Write {}

    record Pattern(SuccessPattern record) implements Write {}
}
