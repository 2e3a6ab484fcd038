package dev.agentloop.core.source;

import java.util.Objects;

/**
 * What a working copy was made from, as the memory and the history show it.
 *
 * @param name a short name for the project (the folder's or the remote's last part), used to prefer its own failures
 * @param location the user's folder or the URL, as given
 * @param remote the repository's {@code origin} URL; empty when there is none (a folder, a repository without one)
 * @param baseRef the ref the copy was made at, as given ({@code HEAD} when none was); empty for a plain folder
 * @param baseCommit the full commit id the copy was made at; empty for a plain folder
 */
public record RepositoryInfo(String name, String location, String remote, String baseRef, String baseCommit) {

    /**
     * Checks the components; null location, remote, base ref or base commit become empty.
     *
     * @param name a short name for the project (the folder's or the remote's last part), used to prefer its own
     *     failures
     * @param location the user's folder or the URL, as given
     * @param remote the repository's {@code origin} URL; empty when there is none (a folder, a repository without one)
     * @param baseRef the ref the copy was made at, as given ({@code HEAD} when none was); empty for a plain folder
     * @param baseCommit the full commit id the copy was made at; empty for a plain folder
     */
    public RepositoryInfo {
        Objects.requireNonNull(name, "name");
        location = location == null ? "" : location;
        remote = remote == null ? "" : remote;
        baseRef = baseRef == null ? "" : baseRef;
        baseCommit = baseCommit == null ? "" : baseCommit;
    }

    /** {@return true when the copy came from a git repository (it has a base commit)} */
    public boolean isGit() {
        return !baseCommit.isEmpty();
    }
}
