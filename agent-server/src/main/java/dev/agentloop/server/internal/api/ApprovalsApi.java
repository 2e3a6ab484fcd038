package dev.agentloop.server.internal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentloop.server.internal.store.ApprovalRow;
import dev.agentloop.server.internal.store.ApprovalStatus;
import dev.agentloop.server.internal.store.ApprovalStore;
import dev.agentloop.server.internal.store.AuditLog;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** {@code /api/v1/approvals}: what runs wait on, and the decisions (audited with the token's name). */
final class ApprovalsApi {

    private final ApprovalStore approvals;
    private final AuditLog audit;
    private final Clock clock;

    ApprovalsApi(ApprovalStore approvals, AuditLog audit, Clock clock) {
        this.approvals = approvals;
        this.audit = audit;
        this.clock = clock;
    }

    void pending(Context ctx) {
        int limit = Requests.intParam(ctx, "limit", 100, 1, 500);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "items",
                approvals.pending(limit).stream().map(ApprovalsApi::view).toList());
        ctx.json(out);
    }

    void decide(Context ctx) {
        Requests.requireJson(ctx);
        UUID id = Requests.uuid(ctx.pathParam("id"), "id");
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(Requests.body(ctx));
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("body", "The body is not valid JSON (" + e.getOriginalMessage() + ").");
        }
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest(
                    "body", "The body must be {\"decision\": \"approve\" | \"deny\", \"note\": \"...\"}.");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("decision") && !name.equals("note")) {
                throw ApiError.badRequest(name, "Unknown field '" + name + "'; allowed: decision, note.");
            }
        }
        JsonNode decision = body.get("decision");
        if (decision == null
                || !decision.isTextual()
                || !(decision.asText().equals("approve") || decision.asText().equals("deny"))) {
            throw ApiError.badRequest("decision", "The field 'decision' must be \"approve\" or \"deny\".");
        }
        JsonNode noteNode = body.get("note");
        if (noteNode != null && !noteNode.isNull() && !noteNode.isTextual()) {
            throw ApiError.badRequest("note", "The field 'note' must be a string.");
        }
        String note = noteNode == null || noteNode.isNull() ? "" : noteNode.asText();
        if (note.length() > 2_000) {
            throw ApiError.badRequest("note", "The field 'note' has " + note.length() + " characters; at most 2000.");
        }
        boolean approve = decision.asText().equals("approve");
        String actor = BearerAuth.actor(ctx);
        ApprovalRow row = approvals.find(id).orElseThrow(() -> ApiError.notFound("No approval " + id + "."));
        if (!approvals.decide(
                id, approve ? ApprovalStatus.APPROVED : ApprovalStatus.DENIED, actor, note, clock.instant())) {
            ApprovalRow now = approvals.find(id).orElse(row);
            throw ApiError.conflict(
                    "Approval " + id + " is already " + now.status().id() + ".");
        }
        audit.record(
                actor,
                approve ? AuditLog.Action.APPROVE : AuditLog.Action.DENY,
                row.taskId().orElse(null),
                row.kind() + " " + row.subject(),
                clock.instant());
        ctx.json(view(approvals.find(id).orElseThrow()));
    }

    static Map<String, Object> view(ApprovalRow a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id());
        a.taskId().ifPresent(v -> out.put("task_id", v));
        out.put("kind", a.kind());
        out.put("subject", a.subject());
        out.put("reason", a.reason());
        out.put("status", a.status().id());
        out.put("requested_at", a.requestedAt());
        a.decidedAt().ifPresent(v -> out.put("decided_at", v));
        a.decidedBy().ifPresent(v -> out.put("decided_by", v));
        a.note().ifPresent(v -> out.put("note", v));
        Map<String, String> links = new LinkedHashMap<>();
        links.put("decide", "/api/v1/approvals/" + a.id());
        a.taskId().ifPresent(v -> links.put("task", "/api/v1/tasks/" + v));
        out.put("links", links);
        return out;
    }
}
