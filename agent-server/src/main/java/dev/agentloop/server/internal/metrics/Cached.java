package dev.agentloop.server.internal.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/** A value read at most once per {@code ttl} (scrapes read database counts; many scrapes must not mean many reads). */
public final class Cached<T> implements Supplier<T> {

    private final Supplier<T> source;
    private final Duration ttl;
    private final Clock clock;
    private T value;
    private Instant readAt = Instant.MIN;

    public Cached(Supplier<T> source, Duration ttl, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized T get() {
        Instant now = clock.instant();
        if (value == null || !now.isBefore(readAt.plus(ttl))) {
            value = source.get();
            readAt = now;
        }
        return value;
    }
}
