package dev.agentloop.memory.bench;

import dev.agentloop.memory.RetrievalSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/** The retrieval variants {@code -Dfailbench.sweep=true} ranks with, beside the main settings. */
final class Sweep {

    private Sweep() {}

    static Map<String, RetrievalSettings> variants(RetrievalSettings base) {
        Map<String, RetrievalSettings> v = new LinkedHashMap<>();
        v.put("vector-only", RetrievalSettings.vectorOnly(base.embeddedText()));
        v.put(
                "vector+fulltext",
                RetrievalSettings.vectorOnly(base.embeddedText()).withHybrid(true));
        v.put(
                "vector+fixlines",
                RetrievalSettings.vectorOnly(base.embeddedText()).withFixLineMatching(true));
        v.put("hybrid+fixlines", base.withConsensusWeight(0).withDiversityPenalty(0));
        v.put("hybrid+fixlines+consensus", base.withDiversityPenalty(0));
        v.put("hybrid+fixlines+diversity", base.withConsensusWeight(0));
        v.put("no-fulltext", base.withHybrid(false));
        v.put("no-fixlines", base.withFixLineMatching(false));
        v.put("consensus1", base.withConsensusWeight(1));
        v.put("consensus2", base.withConsensusWeight(2));
        v.put("diversity0.25", base.withDiversityPenalty(0.25));
        v.put("diversity1", base.withDiversityPenalty(1));
        return v;
    }
}
