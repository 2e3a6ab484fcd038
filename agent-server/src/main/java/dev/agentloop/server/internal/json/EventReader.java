package dev.agentloop.server.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.agentloop.core.event.AgentEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads stored events back into the core's typed events, the inverse of {@link EventJson} for the events made of
 * plain values (ids, numbers, texts, instants, durations in milliseconds, lower-case enums), so that a listener such
 * as a pull request's report can be fed a queued run's events as if it had listened to the run. An event whose type
 * is unknown, or that holds what the stored form leaves out (a run's result, an error), is not read.
 */
public final class EventReader {

    private static final Map<String, Class<?>> TYPES = Arrays.stream(AgentEvent.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private final ObjectMapper mapper;

    public EventReader() {
        SimpleModule module = new SimpleModule("agentloop-stored-events");
        module.addDeserializer(Duration.class, new StdDeserializer<>(Duration.class) {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Duration.ofMillis(p.getValueAsLong());
            }
        });
        this.mapper = JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .addModule(module)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /**
     * @param type the stored type, e.g. {@code TestsRun}
     * @param json the stored event
     * @return the event; empty when the type is unknown or the stored form cannot make it
     */
    public Optional<AgentEvent> read(String type, String json) {
        Class<?> cls = TYPES.get(type);
        if (cls == null) {
            return Optional.empty();
        }
        try {
            return Optional.of((AgentEvent) mapper.readValue(json, cls));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
