package dev.agentloop.core.internal.repomap;

import dev.agentloop.core.Language;
import java.util.Optional;

/** Which parser language a file's name selects: {@code .py} Python; {@code .js}, {@code .mjs}, {@code .cjs} JavaScript. */
final class SourceLanguages {

    private SourceLanguages() {}

    static Optional<Language> of(String path) {
        int dot = path.lastIndexOf('.');
        if (dot < 0 || dot < path.lastIndexOf('/')) {
            return Optional.empty();
        }
        return switch (path.substring(dot + 1)) {
            case "py" -> Optional.of(Language.PYTHON);
            case "js", "mjs", "cjs" -> Optional.of(Language.JAVASCRIPT);
            default -> Optional.empty();
        };
    }
}
