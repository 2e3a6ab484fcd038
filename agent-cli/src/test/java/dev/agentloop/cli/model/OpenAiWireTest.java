package dev.agentloop.cli.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentloop.core.Role;
import dev.agentloop.core.model.ModelFailures;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI chat-completions wire path against an in-test HTTP server: each answer maps to a clear outcome. */
class OpenAiWireTest {

    private static final String KEY = "sk-test-0123456789abcdef";

    private HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<Seen> seen = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private record Answer(int status, String body, boolean hang) {}

    private record Seen(String path, String authorization, String body) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer;
        synchronized (this) {
            seen.add(new Seen(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    body));
            answer = answers.size() > 1 ? answers.poll() : answers.peek();
        }
        if (answer.hang()) {
            try {
                release.await(30, TimeUnit.SECONDS); // until the test ends: the client must give up first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private synchronized void script(Answer... next) {
        answers.addAll(List.of(next));
    }

    private synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    private static Answer ok(String content) {
        String escaped = content.replace("\\", "\\\\").replace("\"", "\\\"");
        return new Answer(200, """
                {"id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000, "model": "gpt-4o-mini",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "%s"}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 21, "completion_tokens": 7, "total_tokens": 28}}
                """.formatted(escaped), false);
    }

    private static Answer error(int status, String type) {
        return new Answer(status, "{\"error\": {\"message\": \"" + type + "\", \"type\": \"" + type + "\"}}", false);
    }

    private ChatModel model(Duration timeout, int retries) {
        ModelSettings settings = ModelSettings.of(
                        "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "gpt-4o-mini")
                .withTimeout(timeout)
                .withMaxRetries(retries);
        return new OpenAiModelFactory(Map.of("OPENAI_API_KEY", KEY)::get)
                .create(settings)
                .get(Role.CODER);
    }

    private static ChatRequest request() {
        return ChatRequest.builder()
                .messages(dev.langchain4j.data.message.UserMessage.from("Answer in JSON: {\"ok\": true}"))
                .build();
    }

    @Test
    void successReturnsTheTextAndUsageAndSendsKeyModelAndJsonFormat() {
        script(ok("{\"ok\": true}"));

        ChatResponse response = model(Duration.ofSeconds(5), 0).chat(request());

        assertThat(response.aiMessage().text()).isEqualTo("{\"ok\": true}");
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(21);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(7);
        Seen call = seen().get(0);
        assertThat(call.path()).isEqualTo("/v1/chat/completions");
        assertThat(call.authorization()).isEqualTo("Bearer " + KEY);
        assertThat(call.body().replaceAll("\\s", ""))
                .contains("\"model\":\"gpt-4o-mini\"")
                .contains("\"json_object\"");
    }

    @Test
    void a429IsRetriedAndThenSucceeds() {
        script(error(429, "rate_limit_exceeded"), ok("{\"after\": \"retry\"}"));

        ChatResponse response = model(Duration.ofSeconds(5), 2).chat(request());

        assertThat(response.aiMessage().text()).isEqualTo("{\"after\": \"retry\"}");
        assertThat(seen()).hasSize(2);
    }

    @Test
    void a500ThatPersistsFailsAfterTheRetriesWithAClearSentence() {
        script(error(500, "server_error"));

        Throwable thrown = catchThrowable(() -> model(Duration.ofSeconds(5), 1).chat(request()));

        assertThat(thrown).isInstanceOf(InternalServerException.class);
        assertThat(seen()).hasSize(2);
        assertThat(ModelFailures.describe(thrown)).startsWith("The model endpoint failed with a server error (5xx)");
    }

    @Test
    void aTimeoutFailsWithATimeoutSentence() {
        script(new Answer(200, "", true));

        Throwable thrown = catchThrowable(() -> model(Duration.ofMillis(300), 0).chat(request()));

        assertThat(thrown).isNotNull();
        assertThat(ModelFailures.describe(thrown)).startsWith("The model endpoint did not answer in time (timeout)");
    }

    @Test
    void aMalformedBodyFailsWithAClearSentence() {
        script(new Answer(200, "{\"choices\": [ this is not json", false));

        Throwable thrown = catchThrowable(() -> model(Duration.ofSeconds(5), 0).chat(request()));

        assertThat(thrown).isNotNull();
        assertThat(ModelFailures.describe(thrown))
                .startsWith("The model endpoint sent a response that is not valid chat-completions JSON");
    }

    @Test
    void aRemoteEndpointWithoutAKeyIsRejectedNamingTheVariables() {
        assertThatThrownBy(() -> new OpenAiModelFactory(name -> null)
                        .create(ModelSettings.of("https://api.openai.com/v1", "gpt-4o-mini")))
                .isInstanceOf(MissingApiKeyException.class)
                .hasMessage("No API key for https://api.openai.com/v1: set AGENT_MODEL_API_KEY or OPENAI_API_KEY in the"
                        + " environment.");
    }

    @Test
    void rolesWithTheSameModelShareOneInstanceAndRolesCanHaveTheirOwn() {
        ModelSettings settings =
                ModelSettings.of("http://localhost:11434/v1", "llama3").withRoleModel(Role.CODER, "qwen2.5-coder");

        Map<Role, ChatModel> models = new OpenAiModelFactory(name -> null).create(settings);

        assertThat(models).hasSize(Role.values().length);
        assertThat(models.get(Role.PLANNER)).isSameAs(models.get(Role.REFLECTOR));
        assertThat(models.get(Role.CODER)).isNotSameAs(models.get(Role.PLANNER));
        assertThat(models.get(Role.CODER).defaultRequestParameters().modelName())
                .isEqualTo("qwen2.5-coder");
    }
}
