package dev.agentloop.core.internal.repomap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSymbolCacheTest {

    @TempDir
    Path folder;

    private final FileSymbols symbols = new FileSymbols(
            ParseStatus.PARSED,
            "",
            List.of(new Definition(SymbolKind.FUNCTION, "f", 1, 3, "", "def f()", "Does f.")),
            List.of(),
            Map.of("g", 2));
    private final SymbolCache.CacheKey key = new SymbolCache.CacheKey("v1", "python", "0123456789abcdef");

    @Test
    void returnsWhatWasStoredUnderTheSameKeyOnly() {
        SymbolCache cache = SymbolCache.inFolder(folder);
        cache.put(key, symbols);

        assertThat(cache.get(key)).contains(symbols);
        assertThat(SymbolCache.inFolder(folder).get(key))
                .as("another instance on the same folder")
                .contains(symbols);
        assertThat(cache.get(new SymbolCache.CacheKey("v2", "python", "0123456789abcdef")))
                .isEmpty();
        assertThat(cache.get(new SymbolCache.CacheKey("v1", "javascript", "0123456789abcdef")))
                .isEmpty();
    }

    @Test
    void aDamagedEntryIsAMissAndIsOverwritten() throws IOException {
        SymbolCache cache = SymbolCache.inFolder(folder);
        cache.put(key, symbols);
        Path entry;
        try (Stream<Path> files = Files.walk(folder)) {
            entry = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.writeString(entry, "D\tnot a file record\n");

        assertThat(cache.get(key)).isEmpty();
        cache.put(key, symbols);
        assertThat(cache.get(key)).contains(symbols);
    }

    @Test
    void keysMustBePlainWordsAndTheFolderMustBeAFolder() throws IOException {
        assertThatThrownBy(() -> new SymbolCache.CacheKey("v1", "python", "../etc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blobId");
        Path file = Files.writeString(folder.resolve("file"), "x");
        assertThatThrownBy(() -> SymbolCache.inFolder(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The symbol cache " + file + " exists and is not a folder");
    }
}
