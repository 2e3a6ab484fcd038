package dev.agentloop.server;

import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.ApprovalRequest;
import dev.agentloop.server.internal.queue.ApprovalWaiter;
import dev.agentloop.server.internal.store.ApprovalStore;
import dev.agentloop.server.internal.store.Db;
import dev.agentloop.server.internal.store.ServerSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Approvals asked from outside the server's queue — a supervised merge of {@code agent issue} or {@code agent watch} —
 * through the same table the server's API reads: each question is listed by {@code GET /api/v1/approvals} (without a
 * task) until a person decides it with {@code POST /api/v1/approvals/{id}}; {@link #decide} waits for that, and the
 * decision names the API token that took it. A question nobody answers within the timeout is expired and denied, as
 * is one whose waiting thread is interrupted. Thread-safe.
 *
 * <pre>{@code
 * ApprovalHandler approvals = ServerApprovals.builder()
 *         .dataSource(pool)
 *         .schema("agentloop")
 *         .timeout(Duration.ofHours(1))
 *         .build();
 * }</pre>
 */
public final class ServerApprovals implements ApprovalHandler {

    /** Default wait for an answer: an hour. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

    /** Default time between two looks at a pending question: a second. */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

    private final ApprovalWaiter waiter;

    private ServerApprovals(Builder b) {
        ServerSchema.migrate(b.dataSource, b.schema);
        this.waiter = new ApprovalWaiter(new ApprovalStore(new Db(b.dataSource, b.schema)), b.timeout, b.poll, b.clock);
    }

    /** {@return a builder; the data source is required} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Asks through the approvals table and waits for a person's decision, at most the timeout.
     *
     * @param request the question; its task is recorded only when it is one of the queue's tasks
     * @return approved or denied, by the deciding token's name with its note; denied by {@code timeout} or {@code
     *     cancelled} when nobody answered in time or the thread was interrupted
     */
    @Override
    public ApprovalDecision decide(ApprovalRequest request) {
        return waiter.await(Objects.requireNonNull(request, "request"));
    }

    /** Builds {@link ServerApprovals}. */
    public static final class Builder {
        private DataSource dataSource;
        private String schema = ServerConfig.DEFAULT_SCHEMA;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration poll = DEFAULT_POLL;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The database the server uses; required.
         *
         * @param value the data source
         * @return this builder
         */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            return this;
        }

        /**
         * The schema of the server's tables. Default {@value ServerConfig#DEFAULT_SCHEMA}.
         *
         * @param value the schema
         * @return this builder
         */
        public Builder schema(String value) {
            this.schema = ServerSchema.requireName(value);
            return this;
        }

        /**
         * How long a question waits for an answer before it is denied. Default an hour.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder timeout(Duration value) {
            this.timeout = positive(value, "timeout");
            return this;
        }

        /**
         * Time between two looks at a pending question. Default a second.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder poll(Duration value) {
            this.poll = positive(value, "poll");
            return this;
        }

        /**
         * The questions' times and deadlines. Default the system clock in UTC.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Creates or upgrades the server's tables in the schema, then returns the approvals.
         *
         * @return the approvals
         * @throws IllegalStateException when no data source was given
         * @throws ServerException naming the schema when its tables cannot be created or upgraded
         */
        public ServerApprovals build() {
            if (dataSource == null) {
                throw new IllegalStateException("ServerApprovals needs a data source: call dataSource(...).");
            }
            return new ServerApprovals(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
