package dev.agentloop.core.spi;

/** How bad a static-scan finding is. */
public enum ScanSeverity {
    /** Worth a look; never blocks. */
    LOW,
    /** A likely weakness. */
    MEDIUM,
    /** A serious weakness, e.g. {@code eval} of input or {@code shell=True}. */
    HIGH,
    /** A hard-coded secret or worse. */
    CRITICAL
}
