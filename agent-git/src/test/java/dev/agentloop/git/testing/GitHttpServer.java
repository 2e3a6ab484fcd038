package dev.agentloop.git.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * git's smart HTTP protocol in a test: {@code git http-backend} (git's own CGI program) behind an in-process HTTP
 * server, serving the bare repositories under a folder at {@code http://127.0.0.1:PORT/<name>.git}. Like a private
 * repository on GitHub it answers 401 (with a {@code WWW-Authenticate} challenge) to any request without the expected
 * {@code Authorization} header, and it records every header it was sent.
 */
public final class GitHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final Path root;
    private final Optional<String> requiredAuthorization;
    private final List<String> authorizations = new ArrayList<>();

    /**
     * @param root the folder holding the bare repositories
     * @param requiredAuthorization the {@code Authorization} header every request must carry; empty for none
     */
    public GitHttpServer(Path root, Optional<String> requiredAuthorization) throws IOException {
        this.root = root.toAbsolutePath();
        this.requiredAuthorization = requiredAuthorization;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@return the clone URL of the bare repository {@code name} (e.g. {@code textkit.git}) under the root} */
    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    /** {@return the Authorization headers received, one per request ({@code none} when absent)} */
    public synchronized List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String authorization = ex.getRequestHeaders().getFirst("Authorization");
            synchronized (this) {
                authorizations.add(authorization == null ? "none" : authorization);
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            if (requiredAuthorization.isPresent()
                    && !requiredAuthorization.get().equals(authorization)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"private\"");
                ex.sendResponseHeaders(401, -1);
                return;
            }
            cgi(ex, body);
        } finally {
            ex.close();
        }
    }

    private void cgi(HttpExchange ex, byte[] body) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("REQUEST_METHOD", ex.getRequestMethod());
        env.put("PATH_INFO", ex.getRequestURI().getPath());
        env.put(
                "QUERY_STRING",
                Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse(""));
        env.put(
                "CONTENT_TYPE",
                Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type"))
                        .orElse(""));
        env.put("CONTENT_LENGTH", Integer.toString(body.length));
        env.put("REMOTE_ADDR", "127.0.0.1");
        Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Encoding"))
                .ifPresent(v -> env.put("HTTP_CONTENT_ENCODING", v));
        Optional.ofNullable(ex.getRequestHeaders().getFirst("Git-Protocol"))
                .ifPresent(v -> env.put("HTTP_GIT_PROTOCOL", v));
        Process p = pb.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture.runAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(body);
        }
        byte[] response;
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                ex.sendResponseHeaders(504, -1);
                return;
            }
            response = out.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e);
        }
        // CGI: header lines, a blank line, the body
        int split = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        int skip = 4;
        if (split < 0) {
            split = indexOf(response, "\n\n".getBytes(StandardCharsets.US_ASCII));
            skip = 2;
        }
        int status = 200;
        for (String line : new String(response, 0, Math.max(split, 0), StandardCharsets.ISO_8859_1).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                ex.getResponseHeaders().add(name, value);
            }
        }
        byte[] payload = split < 0 ? response : java.util.Arrays.copyOfRange(response, split + skip, response.length);
        ex.sendResponseHeaders(status, payload.length == 0 ? -1 : payload.length);
        if (payload.length > 0) {
            ex.getResponseBody().write(payload);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
