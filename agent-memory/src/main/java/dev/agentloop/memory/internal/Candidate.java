package dev.agentloop.memory.internal;

import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.FixStats;
import java.util.List;
import java.util.Optional;

/**
 * A past failure that one of the indexes brought up for a query, before fusion.
 *
 * @param failure the failure
 * @param fix its fix, if any
 * @param stats its fix's usefulness
 * @param similarity cosine similarity of the embeddings, 0..1
 * @param lexicalScore the full-text score, 0 when the full-text search did not match it
 * @param fixPatterns the patterns of the lines its fix removed (empty without a fix)
 * @param fixKind the kind of its fix ({@link FixKinds}); empty without a fix
 */
public record Candidate(
        FailureRecord failure,
        Optional<FixRecord> fix,
        FixStats stats,
        double similarity,
        double lexicalScore,
        List<String> fixPatterns,
        String fixKind) {}
