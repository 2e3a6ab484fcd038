package dev.agentloop.git.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-test GitHub REST API: the subset the issue flow uses, with the response shapes of GitHub's published API
 * (repository, issues and their listing by label, issue comments, assignees, user, pull request create / get /
 * merge, a commit's statuses and check runs). It records every request, can answer the next requests with a 403 rate-limit refusal, and, given the bare
 * repository its clone URL names, merges a pull request for real (a fast-forward of the base branch, as GitHub's
 * "rebase and merge" of a branch with the base as parent does).
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
        /** {@code {login, text}} pairs, oldest first. */
        public final List<String[]> comments = new ArrayList<>();

        Issue(int number, String title, String body) {
            this.number = number;
            this.title = title;
            this.body = body;
        }

        /** The comments' texts, oldest first. */
        public List<String> commentTexts() {
            return comments.stream().map(c -> c[1]).toList();
        }
    }

    /** One pull request's state. */
    public static final class Pull {
        public final int number;
        public final String title;
        public final String head;
        public final String base;
        public final String body;
        public final List<String> comments = new ArrayList<>();
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
    private Optional<Path> bare = Optional.empty();
    public final Map<Integer, Issue> issues = new LinkedHashMap<>();
    public final Map<Integer, Pull> pulls = new LinkedHashMap<>();
    public final List<String> requests = new ArrayList<>();
    public final List<String> authorizations = new ArrayList<>();
    /** The bodies of every write (POST, PUT, PATCH), in order. */
    public final List<String> writes = new ArrayList<>();
    /**
     * The commit statuses every commit has, newest first, as {@code {context, state}} with GitHub's states ({@code
     * success}, {@code pending}, {@code failure}, {@code error}); change them under {@code synchronized (fake)}.
     */
    public final List<String[]> statuses = new ArrayList<>();
    /**
     * The check runs every commit has, as {@code {name, status, conclusion}} with GitHub's values ({@code queued},
     * {@code in_progress}, {@code completed}; {@code success}, {@code failure}, ... or null).
     */
    public final List<String[]> checkRuns = new ArrayList<>();

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

    /** Merges pull requests for real in this bare repository (the one the clone URL names). */
    public synchronized FakeGitHub mergingIn(Path bareRepository) {
        this.bare = Optional.of(bareRepository);
        return this;
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

    /** The pull request opened from {@code head}, if any. */
    public synchronized Optional<Pull> pullFrom(String head) {
        return pulls.values().stream().filter(p -> p.head.equals(head)).findFirst();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getRawQuery();
            byte[] in = ex.getRequestBody().readAllBytes();
            synchronized (this) {
                requests.add(method + " " + path);
                authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
                if (in.length > 0) {
                    writes.add(new String(in, StandardCharsets.UTF_8));
                }
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
            notFound(ex);
            return;
        }
        String rest = m.group(3) == null ? "" : m.group(3);
        Matcher issue = Pattern.compile("/issues/(\\d+)(/comments|/assignees)?").matcher(rest);
        Matcher pull = Pattern.compile("/pulls/(\\d+)(/merge)?").matcher(rest);
        Matcher statusList = Pattern.compile("/(?:statuses/([0-9a-f]{40})|commits/([0-9a-f]{40})/statuses)")
                .matcher(rest);
        Matcher runs = Pattern.compile("/commits/([0-9a-f]{40})/check-runs").matcher(rest);
        if (rest.isEmpty() && method.equals("GET")) {
            send(ex, 200, repo());
        } else if (statusList.matches() && method.equals("GET")) {
            send(ex, 200, statusesJson(statusList.group(1) != null ? statusList.group(1) : statusList.group(2)));
        } else if (runs.matches() && method.equals("GET")) {
            send(ex, 200, checkRunsJson(runs.group(1)));
        } else if (rest.equals("/issues") && method.equals("GET")) {
            send(ex, 200, listIssues(query));
        } else if (issue.matches()) {
            issue(ex, method, Integer.parseInt(issue.group(1)), issue.group(2), body);
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
                notFound(ex);
            } else if (pull.group(2) == null) {
                send(ex, 200, pullJson(p));
            } else if (method.equals("PUT")) {
                merge(ex, p);
            } else {
                notFound(ex);
            }
        } else {
            notFound(ex);
        }
    }

    private ArrayNode statusesJson(String sha) {
        ArrayNode list = JSON.createArrayNode();
        for (int k = 0; k < statuses.size(); k++) {
            String[] st = statuses.get(k);
            ObjectNode n = list.addObject()
                    .put("id", 7000 + k)
                    .put("url", endpoint() + "/repos/" + owner + "/" + name + "/statuses/" + sha)
                    .put("state", st[1])
                    .put("description", st[0] + " is " + st[1])
                    .put("target_url", "https://ci.test/" + st[0])
                    .put("context", st[0])
                    .put("created_at", "2026-01-01T00:00:00Z")
                    .put("updated_at", "2026-01-01T00:00:00Z");
            n.set("creator", user("ci-bot"));
        }
        return list;
    }

    private ObjectNode checkRunsJson(String sha) {
        ObjectNode page = JSON.createObjectNode().put("total_count", checkRuns.size());
        ArrayNode list = page.putArray("check_runs");
        for (int k = 0; k < checkRuns.size(); k++) {
            String[] run = checkRuns.get(k);
            ObjectNode n = list.addObject()
                    .put("id", 8000 + k)
                    .put("head_sha", sha)
                    .put("node_id", "CR_" + k)
                    .put("external_id", "")
                    .put("url", endpoint() + "/repos/" + owner + "/" + name + "/check-runs/" + (8000 + k))
                    .put("html_url", "https://github.test/" + owner + "/" + name + "/runs/" + (8000 + k))
                    .put("details_url", "https://ci.test/" + run[0])
                    .put("status", run[1])
                    .put("started_at", "2026-01-01T00:00:00Z")
                    .put("name", run[0]);
            if (run[2] == null) {
                n.putNull("conclusion");
                n.putNull("completed_at");
            } else {
                n.put("conclusion", run[2]).put("completed_at", "2026-01-01T00:01:00Z");
            }
            n.putArray("pull_requests");
        }
        return page;
    }

    private ArrayNode listIssues(String query) {
        ArrayNode list = JSON.createArrayNode();
        String q = query == null ? "" : java.net.URLDecoder.decode(query, StandardCharsets.UTF_8);
        Matcher labels = Pattern.compile("(?:^|&)labels=([^&]*)").matcher(q);
        List<String> wanted = labels.find() ? List.of(labels.group(1).split(",")) : List.of();
        for (Issue i : issues.values()) {
            if (i.labels.containsAll(wanted)) {
                list.add(issueJson(i));
            }
        }
        return list;
    }

    private void issue(HttpExchange ex, String method, int number, String sub, JsonNode body) throws IOException {
        Issue i = issues.get(number);
        Pull p = pulls.get(number);
        if (i == null && p != null) {
            // a pull request is an issue too: its comments go through the issues API
            if (sub == null && method.equals("GET")) {
                send(ex, 200, pullAsIssue(p));
            } else if ("/comments".equals(sub) && method.equals("POST")) {
                p.comments.add(body.path("body").asText());
                send(
                        ex,
                        201,
                        commentJson(
                                number,
                                p.comments.size() - 1,
                                "agentbot",
                                body.path("body").asText()));
            } else {
                notFound(ex);
            }
            return;
        }
        if (i == null) {
            notFound(ex);
        } else if (sub == null && method.equals("GET")) {
            send(ex, 200, issueJson(i));
        } else if ("/comments".equals(sub) && method.equals("GET")) {
            ArrayNode list = JSON.createArrayNode();
            for (int k = 0; k < i.comments.size(); k++) {
                list.add(commentJson(
                        i.number, k, i.comments.get(k)[0], i.comments.get(k)[1]));
            }
            send(ex, 200, list);
        } else if ("/comments".equals(sub) && method.equals("POST")) {
            i.comments.add(new String[] {"agentbot", body.path("body").asText()});
            int k = i.comments.size() - 1;
            send(ex, 201, commentJson(i.number, k, "agentbot", i.comments.get(k)[1]));
        } else if ("/assignees".equals(sub) && method.equals("POST")) {
            body.path("assignees").forEach(a -> {
                if (!i.assignees.contains(a.asText())) {
                    i.assignees.add(a.asText());
                }
            });
            send(ex, 201, issueJson(i));
        } else {
            notFound(ex);
        }
    }

    private void merge(HttpExchange ex, Pull p) throws IOException {
        if (bare.isPresent()) {
            Path repo = bare.get();
            String head = git(repo, "rev-parse", "refs/heads/" + p.head);
            String base = git(repo, "rev-parse", "refs/heads/" + p.base);
            if (head == null
                    || base == null
                    || git(repo, "merge-base", "--is-ancestor", base, head) == null
                    || git(repo, "update-ref", "refs/heads/" + p.base, head, base) == null) {
                send(ex, 405, JSON.createObjectNode().put("message", "Pull Request is not mergeable"));
                return;
            }
        }
        p.merged = true;
        send(
                ex,
                200,
                JSON.createObjectNode()
                        .put("merged", true)
                        .put("sha", "0".repeat(40))
                        .put("message", "Pull Request successfully merged"));
    }

    /** git's output, or null when it failed. */
    private static String git(Path repo, String... args) {
        List<String> argv = new ArrayList<>(List.of("git", "-C", repo.toString()));
        argv.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return out.strip();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
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

    private ObjectNode pullAsIssue(Pull p) {
        String base = endpoint() + "/repos/" + owner + "/" + name + "/issues/" + p.number;
        ObjectNode n = JSON.createObjectNode()
                .put("id", 5000 + p.number)
                .put("number", p.number)
                .put("title", p.title)
                .put("body", p.body)
                .put("state", "open")
                .put("url", base)
                .put("comments_url", base + "/comments")
                .put("html_url", "https://github.test/" + owner + "/" + name + "/pull/" + p.number)
                .put("comments", p.comments.size());
        n.putArray("labels");
        n.putArray("assignees");
        n.putObject("pull_request").put("url", endpoint() + "/repos/" + owner + "/" + name + "/pulls/" + p.number);
        n.set("user", user("agentbot"));
        return n;
    }

    private ObjectNode commentJson(int number, int k, String login, String text) {
        ObjectNode c = JSON.createObjectNode()
                .put("id", number * 1000 + k)
                .put("body", text)
                .put(
                        "html_url",
                        "https://github.test/" + owner + "/" + name + "/issues/" + number + "#issuecomment-"
                                + (number * 1000 + k));
        c.set("user", user(login));
        return c;
    }

    private ObjectNode pullJson(Pull p) {
        ObjectNode n = JSON.createObjectNode()
                .put("id", 5000 + p.number)
                .put("number", p.number)
                .put("title", p.title)
                .put("body", p.body)
                .put("state", p.merged ? "closed" : "open")
                .put("merged", p.merged)
                .put("url", endpoint() + "/repos/" + owner + "/" + name + "/pulls/" + p.number)
                .put("html_url", "https://github.test/" + owner + "/" + name + "/pull/" + p.number);
        String headSha =
                bare.map(repo -> git(repo, "rev-parse", "refs/heads/" + p.head)).orElse(null);
        n.putObject("head")
                .put("ref", p.head)
                .put("sha", headSha == null ? "0123456789abcdef0123456789abcdef01234567" : headSha);
        n.putObject("base").put("ref", p.base);
        return n;
    }

    private static void notFound(HttpExchange ex) throws IOException {
        send(ex, 404, JSON.createObjectNode().put("message", "Not Found"));
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
