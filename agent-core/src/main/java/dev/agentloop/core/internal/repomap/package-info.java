/**
 * The repository map: per file its definitions (from a real parser run in the sandbox), ranked for a task by the
 * failing tests' tracebacks, by BM25 over identifiers, docstrings and paths, and by personalised PageRank over the
 * file reference graph; rendered into a token budget as whole files plus map lines.
 *
 * <p>Entry points: {@link dev.agentloop.core.internal.repomap.RepoMap#build RepoMap.build(root, parser, cache)},
 * {@link dev.agentloop.core.internal.repomap.RepoMap#update update(paths)} after each edit,
 * {@link dev.agentloop.core.internal.repomap.RepoMap#rank rank(query)} and
 * {@link dev.agentloop.core.internal.repomap.RepoMap#render render(ranking, budget, estimator)}. The ranking itself is
 * a pure function, {@link dev.agentloop.core.internal.repomap.MapRanker#rank MapRanker.rank(index, query)}, so a
 * scorer can call it on a parsed map directly; {@link dev.agentloop.core.internal.repomap.Bm25ContentBaseline} is
 * the BM25-over-file-contents baseline it is compared with.
 */
package dev.agentloop.core.internal.repomap;
