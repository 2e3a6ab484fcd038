package dev.agentloop.cli.env;

import dev.agentloop.cli.EnvironmentNotReadyException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quick reachability checks run before a command commits to a service: a plain TCP or Unix-socket connect, so a
 * missing database or engine is reported in well under a second with the command that fixes it, instead of after
 * a pool's or client's long retry.
 */
public final class ServiceProbes {

    /** How to bring the database up. */
    public static final String DB_FIX = "run scripts/provision (or: docker compose up -d postgres)";

    /** How to bring the Docker engine up. */
    public static final String DOCKER_FIX = "run scripts/provision (or start the engine: sudo systemctl start docker)";

    /** How to get a model endpoint, or do without one. */
    public static final String MODEL_FIX = "start the model server or set --base-url / AGENT_BASE_URL to one that runs;"
            + " without an endpoint, bin/agent run --demo uses the scripted model";

    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?(/.*)?");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private ServiceProbes() {}

    /**
     * Connects to the database's host and port.
     *
     * @throws EnvironmentNotReadyException when nothing listens there
     */
    public static void requireDatabase(String jdbcUrl) {
        Matcher m = JDBC.matcher(jdbcUrl);
        if (!m.matches()) {
            return; // the config check rejects bad URLs earlier; nothing to probe here
        }
        String host = m.group(1);
        int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException e) {
            throw new EnvironmentNotReadyException(
                    "The failure-memory database at " + host + ":" + port + " is not reachable (" + reason(e) + ").",
                    DB_FIX,
                    e);
        }
    }

    /**
     * Pings the Docker engine named by {@code DOCKER_HOST} (default {@code unix:///var/run/docker.sock}).
     *
     * @return the engine address that answered
     * @throws EnvironmentNotReadyException when the engine does not answer {@code /_ping}
     */
    public static String requireDocker(Map<String, String> env) {
        String host = env.getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        try {
            String answer = ping(host);
            if (!answer.contains("OK")) {
                throw new IOException("unexpected answer to /_ping: " + firstLine(answer));
            }
            return host;
        } catch (IOException | IllegalArgumentException e) {
            throw new EnvironmentNotReadyException(
                    "The Docker engine at " + host + " is not reachable (" + reason(e) + ").", DOCKER_FIX, e);
        }
    }

    /**
     * Asks an OpenAI-compatible endpoint for its models. Any HTTP answer below 500 except 401/403 counts as
     * reachable (some servers do not serve {@code /models}).
     *
     * @throws EnvironmentNotReadyException when the endpoint refuses, times out, rejects the key or fails
     */
    public static void requireModelEndpoint(String baseUrl, String apiKey) {
        String url = baseUrl.endsWith("/") ? baseUrl + "models" : baseUrl + "/models";
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .GET();
        if (!apiKey.isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        int status;
        try {
            status = client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new EnvironmentNotReadyException(
                    "The model endpoint " + baseUrl + " is not reachable (" + reason(e) + ").", MODEL_FIX, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentNotReadyException("Checking the model endpoint was interrupted.", MODEL_FIX, e);
        }
        if (status == 401 || status == 403) {
            throw new EnvironmentNotReadyException(
                    "The model endpoint " + baseUrl + " rejected the API key (HTTP " + status + ").",
                    "export OPENAI_API_KEY (or AGENT_MODEL_API_KEY) with a valid key",
                    null);
        }
        if (status >= 500) {
            throw new EnvironmentNotReadyException(
                    "The model endpoint " + baseUrl + " answered HTTP " + status + ".", MODEL_FIX, null);
        }
    }

    /**
     * Whether the engine has an image.
     *
     * @throws IOException when the engine cannot be asked
     */
    public static boolean dockerImageExists(Map<String, String> env, String image) throws IOException {
        String host = env.getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        String answer = get(host, "/images/" + image + "/json");
        return firstLine(answer).contains(" 200 ");
    }

    private static String ping(String dockerHost) throws IOException {
        return get(dockerHost, "/_ping");
    }

    private static String get(String dockerHost, String path) throws IOException {
        byte[] request = ("GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        if (dockerHost.startsWith("unix://")) {
            Path socketPath = Path.of(dockerHost.substring("unix://".length()));
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socketPath));
                channel.write(ByteBuffer.wrap(request));
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                StringBuilder answer = new StringBuilder();
                while (channel.read(buffer) > 0) {
                    buffer.flip();
                    answer.append(StandardCharsets.US_ASCII.decode(buffer));
                    buffer.clear();
                }
                return answer.toString();
            }
        }
        if (dockerHost.startsWith("tcp://")) {
            URI uri = URI.create("http://" + dockerHost.substring("tcp://".length()));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()), (int)
                        CONNECT_TIMEOUT.toMillis());
                socket.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
                socket.getOutputStream().write(request);
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            }
        }
        throw new IllegalArgumentException("DOCKER_HOST must start with unix:// or tcp://, was " + dockerHost);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }

    /** The reason of a connection failure in a few words. */
    static String reason(Throwable e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.net.SocketTimeoutException || e instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof java.nio.file.NoSuchFileException
                || e instanceof java.net.SocketException
                        && String.valueOf(e.getMessage()).contains("No such file")) {
            return "no socket there";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
