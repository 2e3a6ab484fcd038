package dev.agentloop.sandbox.internal;

import dev.agentloop.core.spi.ScanFinding;
import java.util.List;

/**
 * What scanning a set of source files found: security findings, and the third-party packages the files use
 * (neither standard library nor the workspace's own modules).
 */
record SourceScan(List<ScanFinding> findings, List<DependencyUse> dependencies) {

    SourceScan {
        findings = List.copyOf(findings);
        dependencies = List.copyOf(dependencies);
    }

    /** One use of a package: its top-level name and where it is used. */
    record DependencyUse(String name, String file, int line) {}
}
