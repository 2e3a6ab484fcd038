package dev.agentloop.cli.support;

import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.env.Backends;
import dev.agentloop.cli.env.DoctorCheck;
import dev.agentloop.cli.env.MemoryAdmin;
import dev.agentloop.cli.env.MemoryReader;
import dev.agentloop.cli.env.RunHandle;
import dev.agentloop.cli.env.RunRequest;
import dev.agentloop.cli.env.SharedAgent;
import dev.agentloop.cli.env.SharedAgentRequest;
import dev.agentloop.core.spi.FailureMemory;
import java.util.List;

/** Backends that pass everything to others; tests override the one method they watch. */
public class DelegatingBackends implements Backends {

    private final Backends delegate;

    public DelegatingBackends(Backends delegate) {
        this.delegate = delegate;
    }

    @Override
    public MemoryReader openReader(CliConfig config) {
        return delegate.openReader(config);
    }

    @Override
    public FailureMemory openMemory(CliConfig config) {
        return delegate.openMemory(config);
    }

    @Override
    public MemoryAdmin openMemoryAdmin(CliConfig config, boolean forReembed) {
        return delegate.openMemoryAdmin(config, forReembed);
    }

    @Override
    public RunHandle startRun(RunRequest request) {
        return delegate.startRun(request);
    }

    @Override
    public SharedAgent openShared(SharedAgentRequest request) {
        return delegate.openShared(request);
    }

    @Override
    public dev.agentloop.cli.env.ServerParts openServer(dev.agentloop.cli.env.ServerRequest request) {
        return delegate.openServer(request);
    }

    @Override
    public dev.agentloop.core.audit.AuditTrail openAuditTrail(CliConfig config, boolean forWriting) {
        return delegate.openAuditTrail(config, forWriting);
    }

    @Override
    public dev.agentloop.cli.env.OpenedApprovals openServerApprovals(CliConfig config, java.time.Duration timeout) {
        return delegate.openServerApprovals(config, timeout);
    }

    @Override
    public dev.agentloop.cli.env.OpenedQueue openIssueQueue(
            CliConfig config,
            java.util.function.UnaryOperator<dev.agentloop.server.QueuedIssueRunner.Builder> settings) {
        return delegate.openIssueQueue(config, settings);
    }

    @Override
    public List<DoctorCheck> doctorChecks(CliConfig config) {
        return delegate.doctorChecks(config);
    }
}
