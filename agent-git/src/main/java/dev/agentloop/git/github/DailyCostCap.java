package dev.agentloop.git.github;

import dev.agentloop.core.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The spend per UTC day of the runs the issue flow started, read from the audit trail's {@code RUN} entries (so every
 * process sharing the trail counts), against a cap.
 */
public final class DailyCostCap {

    private final AuditTrail audit;
    private final double cap;
    private final Clock clock;

    /**
     * @param audit where the runs' costs are recorded
     * @param cap the most per UTC day; 0 for no cap
     * @param clock tells the UTC day
     */
    public DailyCostCap(AuditTrail audit, double cap, Clock clock) {
        this.audit = audit;
        this.cap = cap;
        this.clock = clock;
    }

    /** {@return what the runs spent since the start of today (UTC)} */
    public double spentToday() {
        Instant midnight = clock.instant()
                .atZone(ZoneOffset.UTC)
                .toLocalDate()
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return audit.spent(midnight);
    }

    /** {@return the cap; 0 when there is none} */
    public double cap() {
        return cap;
    }

    /** {@return what is left today; empty when there is no cap} */
    public Optional<Double> remaining() {
        return cap <= 0 ? Optional.empty() : Optional.of(Math.max(0, cap - spentToday()));
    }

    /** {@return true when there is a cap and today's spend reached it} */
    public boolean reached() {
        return remaining().map(r -> r <= 0).orElse(false);
    }
}
