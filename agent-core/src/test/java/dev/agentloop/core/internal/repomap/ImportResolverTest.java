package dev.agentloop.core.internal.repomap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportResolverTest {

    private final List<String> paths = List.of(
            "pkg/__init__.py", // 0
            "pkg/core.py", // 1
            "pkg/sub/__init__.py", // 2
            "pkg/sub/leaf.py", // 3
            "src/app/main.py", // 4
            "lib/b.js", // 5
            "lib/util/index.js", // 6
            "test/b.test.js"); // 7
    private final ImportResolver resolver = new ImportResolver(paths);

    private List<Integer> python(String from, String module, String... names) {
        return resolver.resolve(from, Language.PYTHON, new ImportRef(module, List.of(names)));
    }

    @Test
    void resolvesAbsoluteAndFromImportsToModulesAndSubmodules() {
        assertThat(python("x.py", "pkg.core")).containsExactly(1);
        assertThat(python("x.py", "pkg", "core")).containsExactly(1);
        assertThat(python("x.py", "pkg", "some_function")).containsExactly(0);
        assertThat(python("x.py", "pkg.sub", "leaf", "other")).containsExactly(3, 2);
        assertThat(python("x.py", "os.path")).isEmpty();
    }

    @Test
    void resolvesRelativeImportsFromTheImportingPackage() {
        assertThat(python("pkg/sub/leaf.py", ".", "leaf")).containsExactly(3);
        assertThat(python("pkg/sub/leaf.py", "..core", "helper")).containsExactly(1);
        assertThat(python("pkg/sub/__init__.py", ".leaf")).containsExactly(3);
        assertThat(python("pkg/sub/leaf.py", ".missing")).isEmpty();
    }

    @Test
    void resolvesAnImportBelowASourceRootByItsSuffix() {
        assertThat(python("src/app/cli.py", "app.main")).containsExactly(4);
    }

    @Test
    void resolvesRelativeJavaScriptSpecifiersWithNodesRules() {
        ImportRef b = new ImportRef("../lib/b", List.of());
        assertThat(resolver.resolve("test/b.test.js", Language.JAVASCRIPT, b)).containsExactly(5);
        assertThat(resolver.resolve("lib/b.js", Language.JAVASCRIPT, new ImportRef("./util", List.of())))
                .containsExactly(6);
        assertThat(resolver.resolve("lib/b.js", Language.JAVASCRIPT, new ImportRef("lodash", List.of())))
                .isEmpty();
        assertThat(resolver.resolve("lib/b.js", Language.JAVASCRIPT, new ImportRef("../../../x", List.of())))
                .isEmpty();
    }
}
