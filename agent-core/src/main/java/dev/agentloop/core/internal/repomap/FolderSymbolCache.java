package dev.agentloop.core.internal.repomap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SymbolCache#inFolder}: {@code <folder>/<parser version>/<language>/<2 hex>/<38 hex>}, each entry the
 * {@link SymbolRecords} text of one file's symbols. Entries are written to a temporary file and moved into place, so
 * concurrent builds (several runs on one machine) never read a half-written entry.
 */
final class FolderSymbolCache implements SymbolCache {

    private static final Logger LOG = LoggerFactory.getLogger(FolderSymbolCache.class);

    private final Path folder;
    private final AtomicBoolean warned = new AtomicBoolean();

    FolderSymbolCache(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("The symbol cache " + folder + " exists and is not a folder");
        }
        this.folder = folder;
    }

    @Override
    public Optional<FileSymbols> get(CacheKey key) {
        Path entry = entry(key);
        try {
            String text = Files.readString(entry, StandardCharsets.UTF_8);
            Map<String, FileSymbols> decoded = SymbolRecords.decode(text);
            return decoded.size() == 1 ? Optional.of(decoded.values().iterator().next()) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            // A damaged entry is a miss; the fresh parse overwrites it.
            LOG.debug("Ignoring the unreadable symbol cache entry {}: {}", entry, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void put(CacheKey key, FileSymbols symbols) {
        Path entry = entry(key);
        try {
            Files.createDirectories(entry.getParent());
            Path temp = Files.createTempFile(entry.getParent(), ".entry", ".tmp");
            try {
                Files.writeString(temp, SymbolRecords.encode("", symbols), StandardCharsets.UTF_8);
                try {
                    Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("Cannot write to the symbol cache {} ({}); maps are built without it", folder, e.getMessage());
            }
        }
    }

    private Path entry(CacheKey key) {
        String id = key.blobId();
        String prefix = id.length() > 2 ? id.substring(0, 2) : "00";
        return folder.resolve(key.parserVersion())
                .resolve(key.language())
                .resolve(prefix)
                .resolve(id.length() > 2 ? id.substring(2) : id);
    }
}
