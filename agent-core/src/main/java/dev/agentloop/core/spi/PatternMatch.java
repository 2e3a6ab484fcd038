package dev.agentloop.core.spi;

/** A success pattern found by task text, with its similarity (0..1). */
public record PatternMatch(SuccessPattern pattern, double similarity) {}
