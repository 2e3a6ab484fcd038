package dev.agentloop.git.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An Open Policy Agent decision, through its data API: {@code POST <url>} with {@code {"input": <the merge input
 * document>}}, where the URL names the rule, e.g. {@code http://localhost:8181/v1/data/agentloop/merge}. The answer's
 * {@code result} is either a boolean (allow or not) or an object with {@code allow} (boolean) and optional {@code
 * reasons} (strings). Anything else — no result (the rule is not loaded), an HTTP error, no answer — denies, saying
 * why.
 */
public final class OpaPolicy implements ExternalPolicy {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param url the rule's data API address
     * @param timeout how long to wait for an answer
     */
    public OpaPolicy(URI url, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public ExternalVerdict ask(MergeInput input) {
        String name = "OPA policy " + url;
        try {
            String body = JSON.writeValueAsString(Map.of("input", input.document()));
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(url)
                            .timeout(timeout)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return deny(name + " answered HTTP " + response.statusCode() + ": the merge is left for a person");
            }
            JsonNode result = JSON.readTree(response.body()).path("result");
            if (result.isBoolean()) {
                return new ExternalVerdict(
                        result.asBoolean(), List.of(name + (result.asBoolean() ? ": allow" : ": deny")));
            }
            if (result.isObject() && result.path("allow").isBoolean()) {
                boolean allow = result.path("allow").asBoolean();
                List<String> reasons = new ArrayList<>(List.of(name + (allow ? ": allow" : ": deny")));
                result.path("reasons").forEach(r -> reasons.add("OPA: " + r.asText()));
                return new ExternalVerdict(allow, reasons);
            }
            return deny(name + " gave no allow decision (is the rule loaded?): the merge is left for a person");
        } catch (IOException e) {
            return deny(name + " could not be asked (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): the merge is left for a person");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return deny(name + " was not answered (interrupted): the merge is left for a person");
        }
    }

    private static ExternalVerdict deny(String reason) {
        return new ExternalVerdict(false, List.of(reason));
    }
}
