package dev.agentloop.server.internal.api;

import dev.agentloop.server.internal.store.Db;
import dev.agentloop.server.spi.HealthCheck;
import dev.agentloop.server.spi.HealthStatus;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /health}: one entry per dependency, 200 when all are up, 503 otherwise. Open to everyone: no data. */
final class HealthApi {

    private final Db db;
    private final List<HealthCheck> checks;

    HealthApi(Db db, List<HealthCheck> checks) {
        this.db = db;
        this.checks = List.copyOf(checks);
    }

    void health(Context ctx) {
        List<Map.Entry<String, HealthStatus>> results = new ArrayList<>();
        results.add(Map.entry("database", database()));
        for (HealthCheck check : checks) {
            HealthStatus status;
            try {
                status = check.check();
            } catch (RuntimeException e) {
                status = HealthStatus.down(e.getClass().getSimpleName());
            }
            results.add(Map.entry(check.name(), status));
        }
        boolean up = results.stream().allMatch(r -> r.getValue().up());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", up ? "up" : "down");
        Map<String, Object> entries = new LinkedHashMap<>();
        results.forEach(r -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("status", r.getValue().up() ? "up" : "down");
            e.put("detail", r.getValue().detail());
            entries.put(r.getKey(), e);
        });
        out.put("checks", entries);
        ctx.status(up ? 200 : 503).json(out);
    }

    private HealthStatus database() {
        try {
            String version = db.queryOne("SELECT current_setting('server_version')", rs -> rs.getString(1))
                    .orElse("?");
            return HealthStatus.up("PostgreSQL " + version);
        } catch (RuntimeException e) {
            return HealthStatus.down("not reachable");
        }
    }
}
