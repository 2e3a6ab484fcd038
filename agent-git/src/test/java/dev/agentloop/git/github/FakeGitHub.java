package dev.agentloop.git.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-test GitHub REST API: the subset the issue flow uses, with the response shapes of GitHub's published API
 * (repository, issue, issue comments, assignees, user, pull request create / get / merge). It records every request,
 * and can answer the next requests with a 403 rate-limit refusal.
 */
public final class FakeGitHub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REPO = Pattern.compile("/repos/([^/]+)/([^/]+)(/.*)?");

    /** One issue's state. */
    public static final class Issue {
        public final int number;
        public final String title;
        public final String body;
        public final List<String> labels = new ArrayList<>();
        public final List<String> assignees = new ArrayList<>();
        public final List<String[]> comments = new ArrayList<>();

        Issue(int number, String title, String body) {
            this.number = number;
            this.title = title;
            this.body = body;
        }
    }

    /** One pull request's state. */
    public static final class Pull {
        public final int number;
        public final String title;
        public final String head;
        public final String base;
        public final String body;
        public boolean merged;

        Pull(int number, String title, String head, String base, String body) {
            this.number = number;
            this.title = title;
            this.head = head;
            this.base = base;
            this.body = body;
        }
    }

    private final HttpServer server;
    private final String owner;
    private final String name;
    private final String cloneUrl;
    public final Map<Integer, Issue> issues = new LinkedHashMap<>();
    public final Map<Integer, Pull> pulls = new LinkedHashMap<>();
    public final List<String> requests = new ArrayList<>();
    public final List<String> authorizations = new ArrayList<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private int nextNumber = 100;

    /** Serves {@code owner/name} whose clone URL is {@code cloneUrl}. */
    public FakeGitHub(String owner, String name, String cloneUrl) throws IOException {
        this.owner = owner;
        this.name = name;
        this.cloneUrl = cloneUrl;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The API endpoint to point the client at. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds an open issue. */
    public synchronized Issue addIssue(int number, String title, String body, String... labels) {
        Issue issue = new Issue(number, title, body);
        issue.labels.addAll(List.of(labels));
        issues.put(number, issue);
        return issue;
    }

    /** The next {@code n} requests get a 403 rate-limit answer. */
    public void rateLimitNext(int n) {
        rateLimited.set(n);
    }

    /** Requests received, as {@code METHOD path}. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getQuery();
            byte[] in = ex.getRequestBody().readAllBytes();
            synchronized (this) {
                requests.add(method + " " + path);
                authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            }
            if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                ex.getResponseHeaders().add("X-RateLimit-Limit", "5000");
                ex.getResponseHeaders().add("X-RateLimit-Remaining", "0");
                ex.getResponseHeaders().add("X-RateLimit-Reset", Long.toString(System.currentTimeMillis() / 1000 + 1));
                send(ex, 403, JSON.createObjectNode().put("message", "API rate limit exceeded"));
                return;
            }
            JsonNode body = in.length == 0 ? JSON.createObjectNode() : JSON.readTree(in);
            synchronized (this) {
                route(ex, method, path, query, body);
            }
        } catch (RuntimeException e) {
            send(ex, 500, JSON.createObjectNode().put("message", String.valueOf(e)));
        }
    }

    private void route(HttpExchange ex, String method, String path, String query, JsonNode body) throws IOException {
        if (path.equals("/user")) {
            send(ex, 200, user("agentbot"));
            return;
        }
        if (path.startsWith("/users/")) {
            send(ex, 200, user(path.substring(7)));
            return;
        }
        Matcher m = REPO.matcher(path);
        if (!m.matches() || !m.group(1).equals(owner) || !m.group(2).equals(name)) {
            send(ex, 404, JSON.createObjectNode().put("message", "Not Found"));
            return;
        }
        String rest = m.group(3) == null ? "" : m.group(3);
        Matcher issue = Pattern.compile("/issues/(\\d+)(/comments|/assignees)?").matcher(rest);
        Matcher pull = Pattern.compile("/pulls/(\\d+)(/merge)?").matcher(rest);
        if (rest.isEmpty() && method.equals("GET")) {
            send(ex, 200, repo());
        } else if (rest.equals("/issues") && method.equals("GET")) {
            ArrayNode list = JSON.createArrayNode();
            String labels = query == null ? "" : query.replaceAll(".*labels=([^&]*).*", "$1");
            for (Issue i : issues.values()) {
                boolean all = true;
                if (query != null && query.contains("labels=")) {
                    for (String l : java.net.URLDecoder.decode(labels, StandardCharsets.UTF_8)
                            .split(",")) {
                        all &= i.labels.contains(l);
                    }
                }
                if (all) {
                    list.add(issueJson(i));
                }
            }
            send(ex, 200, list);
        } else if (issue.matches()) {
            Issue i = issues.get(Integer.parseInt(issue.group(1)));
            String sub = issue.group(2);
            if (i == null) {
                send(ex, 404, JSON.createObjectNode().put("message", "Not Found"));
            } else if (sub == null && method.equals("GET")) {
                send(ex, 200, issueJson(i));
            } else if ("/comments".equals(sub) && method.equals("GET")) {
                ArrayNode list = JSON.createArrayNode();
                for (int k = 0; k < i.comments.size(); k++) {
                    list.add(commentJson(i, k));
                }
                send(ex, 200, list);
            } else if ("/comments".equals(sub) && method.equals("POST")) {
                i.comments.add(new String[] {"agentbot", body.path("body").asText()});
                send(ex, 201, commentJson(i, i.comments.size() - 1));
            } else if ("/assignees".equals(sub) && method.equals("POST")) {
                body.path("assignees").forEach(a -> {
                    if (!i.assignees.contains(a.asText())) {
                        i.assignees.add(a.asText());
                    }
                });
                send(ex, 201, issueJson(i));
            } else {
                send(ex, 404, JSON.createObjectNode().put("message", "Not Found"));
            }
        } else if (rest.equals("/pulls") && method.equals("POST")) {
            int number = nextNumber++;
            Pull p = new Pull(
                    number,
                    body.path("title").asText(),
                    body.path("head").asText(),
                    body.path("base").asText(),
                    body.path("body").asText());
            pulls.put(number, p);
            send(ex, 201, pullJson(p));
        } else if (pull.matches()) {
            Pull p = pulls.get(Integer.parseInt(pull.group(1)));
            if (p == null) {
                send(ex, 404, JSON.createObjectNode().put("message", "Not Found"));
            } else if (pull.group(2) == null) {
                send(ex, 200, pullJson(p));
            } else if (method.equals("PUT")) {
                p.merged = true;
                send(
                        ex,
                        200,
                        JSON.createObjectNode()
                                .put("merged", true)
                                .put("sha", "0".repeat(40))
                                .put("message", "Pull Request successfully merged"));
            } else {
                send(ex, 404, JSON.createObjectNode().put("message", "Not Found"));
            }
        } else {
            send(ex, 404, JSON.createObjectNode().put("message", "Not Found"));
        }
    }

    private ObjectNode user(String login) {
        return JSON.createObjectNode()
                .put("login", login)
                .put("id", Math.abs(login.hashCode()))
                .put("type", "User")
                .put("url", endpoint() + "/users/" + login);
    }

    private ObjectNode repo() {
        ObjectNode r = JSON.createObjectNode()
                .put("id", 1)
                .put("name", name)
                .put("full_name", owner + "/" + name)
                .put("url", endpoint() + "/repos/" + owner + "/" + name)
                .put("html_url", "https://github.test/" + owner + "/" + name)
                .put("clone_url", cloneUrl)
                .put("default_branch", "main")
                .put("private", false);
        r.set("owner", user(owner));
        return r;
    }

    private ObjectNode issueJson(Issue i) {
        String base = endpoint() + "/repos/" + owner + "/" + name + "/issues/" + i.number;
        ObjectNode n = JSON.createObjectNode()
                .put("id", 1000 + i.number)
                .put("number", i.number)
                .put("title", i.title)
                .put("body", i.body)
                .put("state", "open")
                .put("url", base)
                .put("comments_url", base + "/comments")
                .put("html_url", "https://github.test/" + owner + "/" + name + "/issues/" + i.number)
                .put("comments", i.comments.size());
        ArrayNode labels = n.putArray("labels");
        i.labels.forEach(l -> labels.addObject().put("name", l));
        ArrayNode assignees = n.putArray("assignees");
        i.assignees.forEach(a -> assignees.add(user(a)));
        n.set("user", user("reporter"));
        return n;
    }

    private ObjectNode commentJson(Issue i, int k) {
        ObjectNode c = JSON.createObjectNode()
                .put("id", i.number * 1000 + k)
                .put("body", i.comments.get(k)[1])
                .put(
                        "html_url",
                        "https://github.test/" + owner + "/" + name + "/issues/" + i.number + "#issuecomment-"
                                + (i.number * 1000 + k));
        c.set("user", user(i.comments.get(k)[0]));
        return c;
    }

    private ObjectNode pullJson(Pull p) {
        ObjectNode n = JSON.createObjectNode()
                .put("id", 5000 + p.number)
                .put("number", p.number)
                .put("title", p.title)
                .put("body", p.body)
                .put("state", "open")
                .put("merged", p.merged)
                .put("url", endpoint() + "/repos/" + owner + "/" + name + "/pulls/" + p.number)
                .put("html_url", "https://github.test/" + owner + "/" + name + "/pull/" + p.number);
        n.putObject("head").put("ref", p.head);
        n.putObject("base").put("ref", p.base);
        return n;
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
