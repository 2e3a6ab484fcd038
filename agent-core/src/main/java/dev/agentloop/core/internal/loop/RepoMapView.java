package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.MapRanked;
import dev.agentloop.core.internal.repomap.RankQuery;
import dev.agentloop.core.internal.repomap.Ranking;
import dev.agentloop.core.internal.repomap.RepoMap;
import dev.agentloop.core.internal.repomap.RepoMapException;
import dev.langchain4j.model.TokenCountEstimator;
import java.util.Collection;
import java.util.List;

/**
 * The parser-backed repository map as the Coder sees it: ranked for the task and the latest failures, rendered into
 * the prompt's budget, updated after each edit. When the map cannot be built or updated (the parser fails in the
 * sandbox), the plain file listing is shown instead and the run is warned once. Each ranking is published as a
 * {@link MapRanked} event (its best files and definitions).
 */
final class RepoMapView implements ProjectMap {

    private final RunContext run;
    private final RepoMap map;
    private final ProjectMap fallback;
    private final TokenCountEstimator estimator;
    private boolean broken;

    RepoMapView(RunContext run, RepoMap map, ProjectMap fallback, TokenCountEstimator estimator) {
        this.run = run;
        this.map = map;
        this.fallback = fallback;
        this.estimator = estimator;
    }

    @Override
    public String render(String query, int budgetTokens) {
        if (broken) {
            return fallback.render(query, budgetTokens);
        }
        Ranking ranking = map.rank(RankQuery.of(query));
        run.events()
                .publish(new MapRanked(
                        run.taskId(),
                        run.iteration(),
                        run.now(),
                        ranking.topFiles(MapRanked.TOP),
                        ranking.definitions().stream()
                                .limit(MapRanked.TOP)
                                .map(d -> new MapRanked.Symbol(
                                        d.path(), d.definition().qualifiedName()))
                                .toList()));
        return map.render(ranking, budgetTokens, estimator).text();
    }

    @Override
    public void changed(Collection<String> paths) {
        if (broken || paths.isEmpty()) {
            return;
        }
        try {
            map.update(List.copyOf(paths));
        } catch (RepoMapException e) {
            broken = true;
            run.warn(
                    "repomap",
                    "The repository map could not be updated (" + e.getMessage()
                            + "); the Coder gets the file listing instead.");
        }
    }
}
