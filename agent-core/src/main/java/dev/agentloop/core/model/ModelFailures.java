package dev.agentloop.core.model;

import dev.agentloop.core.AgentException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.Objects;

/**
 * Turns a failed model call into one sentence for a person, without a stack trace. Covers langchain4j's exception
 * hierarchy (rate limit, timeout, server error, authentication, bad request, unknown model, other HTTP status),
 * connection failures and this library's own scripted/replay errors.
 */
public final class ModelFailures {

    private ModelFailures() {}

    /**
     * {@return one sentence saying what went wrong}
     *
     * @param error the failure of a model call, never null
     */
    public static String describe(Throwable error) {
        Objects.requireNonNull(error, "error");
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AgentException) {
                return t.getMessage();
            }
            if (t instanceof RateLimitException) {
                return "The model endpoint kept answering 429 (rate limit) after its retries; wait, or lower the"
                        + " request rate.";
            }
            if (t instanceof TimeoutException || t instanceof HttpTimeoutException) {
                return "The model endpoint did not answer in time (timeout); check the endpoint or raise"
                        + " models.timeout.";
            }
            if (t instanceof AuthenticationException) {
                return "The model endpoint rejected the API key; check OPENAI_API_KEY or AGENT_MODEL_API_KEY.";
            }
            if (t instanceof ModelNotFoundException) {
                return "The model endpoint does not know the configured model (" + firstLine(t.getMessage()) + ").";
            }
            if (t instanceof InternalServerException) {
                return "The model endpoint failed with a server error (5xx) after its retries: "
                        + firstLine(t.getMessage());
            }
            if (t instanceof InvalidRequestException) {
                return "The model endpoint refused the request as invalid: " + firstLine(t.getMessage());
            }
            if (t instanceof HttpException http) {
                return "The model endpoint answered HTTP " + http.statusCode() + ": " + firstLine(http.getMessage());
            }
            if (t instanceof ConnectException) {
                return "The model endpoint cannot be reached (connection refused); check models.base-url.";
            }
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return "The model endpoint sent a response that is not valid chat-completions JSON: "
                        + firstLine(((com.fasterxml.jackson.core.JsonProcessingException) t).getOriginalMessage());
            }
        }
        return "The model call failed: " + firstLine(String.valueOf(error.getMessage()));
    }

    /**
     * Whether the same call may succeed later: a rate limit, a timeout, a server error (langchain4j's
     * {@link RetriableException}s) or an endpoint that could not be reached.
     *
     * @param error the failure of a model call, never null
     * @return true when the call may succeed later
     */
    public static boolean isTransient(Throwable error) {
        Objects.requireNonNull(error, "error");
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof NonRetriableException) {
                return false;
            }
            if (t instanceof RetriableException || t instanceof ConnectException || t instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip();
        int nl = line.indexOf('\n');
        line = nl < 0 ? line : line.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
