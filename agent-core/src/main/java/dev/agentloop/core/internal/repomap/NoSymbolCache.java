package dev.agentloop.core.internal.repomap;

import java.util.Optional;

/** {@link SymbolCache#none()}. */
enum NoSymbolCache implements SymbolCache {
    INSTANCE;

    @Override
    public Optional<FileSymbols> get(CacheKey key) {
        return Optional.empty();
    }

    @Override
    public void put(CacheKey key, FileSymbols symbols) {
        // nothing is kept
    }
}
