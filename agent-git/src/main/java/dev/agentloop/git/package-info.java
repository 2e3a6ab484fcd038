/**
 * Repository mode's sources: the implementation of core's {@link dev.agentloop.core.source.Source} SPI for a plain
 * folder, a local git repository at a base ref, and a git URL.
 *
 * <h2>Making a source</h2>
 *
 * <ul>
 *   <li>{@link dev.agentloop.git.GitSources#of(java.nio.file.Path, java.util.Optional, SourceLimits)}: a folder or a
 *       local repository ({@code --repo DIR [--base REF]}); a base ref on a plain folder is an error.
 *   <li>{@link dev.agentloop.git.GitSources#ofUrl(String, java.util.Optional, java.nio.file.Path, SourceLimits)}: a
 *       git URL, fetched into a cached bare clone under a cache folder.
 *   <li>{@link dev.agentloop.git.GitSources#builder()} for another git command or {@link HandoffMode#PATCH_ONLY}
 *       (no branch, e.g. with {@code --apply}).
 * </ul>
 *
 * Every bad input is a {@link dev.agentloop.core.source.SourceException} with one sentence for a person, thrown
 * before anything of the user's is changed.
 *
 * <h2>The copy and the hand-off</h2>
 *
 * {@link dev.agentloop.git.GitSource#open} makes a {@link dev.agentloop.git.GitWorkingCopy}: a detached, locked git
 * worktree at the base commit for a repository (the user's working tree, index and HEAD are never touched), or a
 * {@code .gitignore}-respecting copy for a folder. Links pointing out of the project are left out. A project over
 * the {@link dev.agentloop.git.SourceLimits} is refused before anything is copied. {@code handOff} makes one commit on
 * the base, writes {@code <short-id>.patch} beside the copy, then creates {@code refs/heads/agentloop/<short-id>} in
 * one step (an existing branch is never overwritten). Opening a source first removes this module's stale worktrees
 * of that repository (the run that made it is gone, or its folder is gone and its run was on another host).
 *
 * <h2>Applying instead of branching</h2>
 *
 * {@link dev.agentloop.git.PatchApplier#apply} applies a hand-off's patch to the user's working tree, refusing (and
 * changing nothing) when a file it touches has changes of the user's.
 *
 * <h2>Prompts</h2>
 *
 * {@link dev.agentloop.git.GitWorkingCopy#files()} (or {@link dev.agentloop.git.CopyFiles#list}) lists the copy's
 * files with {@link dev.agentloop.git.FileFlag flags} for binary, large and linked files, which prompts leave out.
 */
package dev.agentloop.git;
