package dev.agentloop.core.spi;

/** How bad a static-scan finding is. */
public enum ScanSeverity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
