package dev.agentloop.server.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.Checkpoint;
import dev.agentloop.server.ServerException;

/**
 * A run's checkpoint to JSON and back, as stored for a takeover. The files are kept as they are (no redaction: the
 * resumed run needs them byte for byte); the checkpoint never leaves the database through the API or the events.
 */
public final class CheckpointJson {

    private final ObjectMapper mapper = new ObjectMapper();

    public String write(Checkpoint checkpoint) {
        try {
            return mapper.writeValueAsString(checkpoint);
        } catch (JsonProcessingException e) {
            throw new ServerException("A checkpoint cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @throws ServerException when the stored text is not a checkpoint (the task then starts over)
     */
    public Checkpoint read(String json) {
        try {
            return mapper.readValue(json, Checkpoint.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ServerException("A stored checkpoint cannot be read: " + e.getMessage(), e);
        }
    }
}
