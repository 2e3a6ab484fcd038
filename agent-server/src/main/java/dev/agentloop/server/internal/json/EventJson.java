package dev.agentloop.server.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.model.SecretRedactor;
import dev.agentloop.server.ServerException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes a run's typed events as JSON objects: the event's type first, durations in milliseconds, instants in
 * ISO-8601, enums in lower case, errors as their message, no host paths, and every string through the secret
 * redactor. A run's result carries {@code "outcome": "solved" | "stopped" | "failed"}.
 */
public final class EventJson {

    private final ObjectMapper mapper;
    private final SecretRedactor redactor;

    public EventJson(SecretRedactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        SimpleModule module = new SimpleModule("agentloop-events");
        module.addSerializer(String.class, new StdSerializer<>(String.class) {
            @Override
            public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(redactor.redact(value));
            }
        });
        module.addSerializer(Duration.class, new StdSerializer<>(Duration.class) {
            @Override
            public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeNumber(value.toMillis());
            }
        });
        module.addSerializer(Throwable.class, new StdSerializer<>(Throwable.class) {
            @Override
            public void serialize(Throwable value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                String message = value.getMessage() == null ? value.getClass().getSimpleName() : value.getMessage();
                gen.writeString(redactor.redact(message));
            }
        });
        @SuppressWarnings({"rawtypes", "unchecked"})
        StdSerializer<Enum> enums = new StdSerializer<>(Enum.class) {
            @Override
            public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.name().toLowerCase(Locale.ROOT));
            }
        };
        module.addSerializer(Enum.class, enums);
        this.mapper = new ObjectMapper()
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .registerModule(module)
                .addMixIn(AgentResult.class, ResultMixin.class)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_ABSENT);
        // Paths name folders of the server's machine: they stay out of responses and events.
        this.mapper.configOverride(Path.class).setIsIgnoredType(true);
    }

    /** A text with its secrets replaced. */
    public String redact(String text) {
        return redactor.redact(text);
    }

    /** The event's type name, e.g. {@code PhaseEntered}. */
    public static String type(AgentEvent event) {
        return event.getClass().getSimpleName();
    }

    /** The event as one JSON object, with {@code "type"} first. */
    public String write(AgentEvent event) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode node = mapper.createObjectNode();
            node.put("type", type(event));
            node.setAll((com.fasterxml.jackson.databind.node.ObjectNode) mapper.valueToTree(event));
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ServerException("An event of type " + type(event) + " cannot be written as JSON: " + e, e);
        }
    }

    /** Any value with the same rules (a run's result, for the task's row). */
    public String writeValue(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ServerException("A value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = AgentResult.Solved.class, name = "solved"),
        @JsonSubTypes.Type(value = AgentResult.Stopped.class, name = "stopped"),
        @JsonSubTypes.Type(value = AgentResult.Failed.class, name = "failed")
    })
    private interface ResultMixin {}
}
