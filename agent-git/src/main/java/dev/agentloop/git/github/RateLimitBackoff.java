package dev.agentloop.git.github;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * Answers GitHub's rate-limit refusals (403 or 429 with no requests left) by waiting and letting the client retry:
 * the wait doubles from {@code firstWait} (or is GitHub's {@code Retry-After} when shorter than {@code maxWait}), each
 * wait is reported, and after {@code maxRetries} refusals in a row the call fails with a sentence saying so.
 */
final class RateLimitBackoff extends GitHubRateLimitHandler {

    private final Duration firstWait;
    private final Duration maxWait;
    private final int maxRetries;
    private final Consumer<String> report;
    private final AtomicInteger inARow = new AtomicInteger();

    RateLimitBackoff(Duration firstWait, Duration maxWait, int maxRetries, Consumer<String> report) {
        this.firstWait = firstWait;
        this.maxWait = maxWait;
        this.maxRetries = maxRetries;
        this.report = report;
    }

    /** A call went through: the next refusal starts the backoff afresh. */
    void succeeded() {
        inARow.set(0);
    }

    /**
     * A call failed: true (and reported) when it failed while being refused for the rate limit (the client library
     * stops retrying on its own count too).
     */
    boolean failedOnRateLimit() {
        int refusals = inARow.getAndSet(0);
        if (refusals > 0) {
            report.accept("GitHub's rate limit: still refused after " + refusals + " retries, giving up");
        }
        return refusals > 0;
    }

    @Override
    public void onError(GitHubConnectorResponse response) throws IOException {
        int attempt = inARow.incrementAndGet();
        if (attempt > maxRetries) {
            throw new IOException("GitHub refused the request for its rate limit " + (maxRetries + 1)
                    + " times in a row (HTTP " + response.statusCode() + "); wait for the limit to reset and retry.");
        }
        Duration wait = firstWait.multipliedBy(1L << Math.min(attempt - 1, 20));
        String retryAfter = response.header("Retry-After");
        if (retryAfter != null && retryAfter.matches("\\d+")) {
            wait = Duration.ofSeconds(Long.parseLong(retryAfter));
        }
        if (wait.compareTo(maxWait) > 0) {
            wait = maxWait;
        }
        report.accept("GitHub's rate limit (HTTP " + response.statusCode() + "): retry " + attempt + "/" + maxRetries
                + " in " + wait.toMillis() + " ms");
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for GitHub's rate limit");
        }
    }
}
