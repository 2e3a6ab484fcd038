package dev.agentloop.core.audit;

import dev.agentloop.core.testing.AuditTrailContract;

class InMemoryAuditTrailTest extends AuditTrailContract {

    @Override
    protected AuditTrail trail() {
        return new InMemoryAuditTrail();
    }
}
