// The dashboard: plain JavaScript, no build step. Data comes from /api/v1; the live timeline reads the task's
// server-sent events through fetch (an EventSource cannot send the bearer token) and resumes with Last-Event-ID.
"use strict";

const state = { token: sessionStorage.getItem("agentloop.token") || "", selected: null, stream: null, lastEventId: 0 };
const $ = (id) => document.getElementById(id);
const OUTCOME_COLOURS = { solved: "#15803d", stopped: "#b45309", failed: "#b91c1c", cancelled: "#9ca3af" };

function headers(extra) {
  const h = Object.assign({}, extra || {});
  if (state.token) h["Authorization"] = "Bearer " + state.token;
  return h;
}

async function api(path, options) {
  const response = await fetch(path, Object.assign({}, options, { headers: headers((options || {}).headers) }));
  if (response.status === 401) {
    $("token-form").hidden = false;
    $("connection").textContent = "a token is needed";
    throw new Error("unauthorized");
  }
  const body = response.headers.get("Content-Type") && response.headers.get("Content-Type").includes("json")
    ? await response.json() : null;
  if (!response.ok) {
    throw new Error(body && body.error ? body.error.message : "HTTP " + response.status);
  }
  $("connection").textContent = "connected";
  return body;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  });
  children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return node;
}

function short(id) { return id.slice(0, 8); }

async function refreshTasks() {
  const page = await api("/api/v1/tasks?limit=100");
  const body = $("tasks").querySelector("tbody");
  body.replaceChildren(...page.items.map((t) => {
    const cancel = (t.status === "queued" || t.status === "running")
      ? el("button", { class: "cancel", "data-id": t.id, onclick: (e) => { e.stopPropagation(); cancelTask(t.id); } }, "Cancel")
      : "";
    return el("tr", { "data-id": t.id, "data-status": t.status, onclick: () => select(t.id) },
      el("td", {}, short(t.id)),
      el("td", { class: "status status-" + t.status }, t.status),
      el("td", {}, t.title),
      el("td", {}, t.worker || ""),
      el("td", {}, t.attempt),
      el("td", {}, t.iterations),
      el("td", {}, t.cost.toFixed(4)),
      el("td", {}, cancel));
  }));
}

async function refreshApprovals() {
  const pending = await api("/api/v1/approvals");
  const box = $("approvals");
  if (pending.items.length === 0) { box.replaceChildren(el("p", { class: "muted" }, "nothing waits")); return; }
  box.replaceChildren(...pending.items.map((a) => el("div", { class: "approval", "data-id": a.id },
    el("p", {}, a.kind.replace("_", " ") + ": ", el("code", {}, a.subject), a.task_id ? " (task " + short(a.task_id) + ")" : ""),
    el("p", { class: "muted" }, a.reason),
    el("button", { class: "approve", onclick: () => decide(a.id, "approve") }, "Approve"), " ",
    el("button", { class: "deny", onclick: () => decide(a.id, "deny") }, "Deny"))));
}

async function refreshStats() {
  const s = await api("/api/v1/stats");
  $("queue").replaceChildren(el("p", {}, s.queue_depth + " queued, " + s.tasks.running + " running"),
    ...s.queued.slice(0, 5).map((id) => el("p", { class: "muted" }, short(id))));
  const workers = Object.entries(s.workers);
  $("workers").replaceChildren(...(workers.length ? workers.map(([w, n]) => el("p", {}, w + ": " + n + " running"))
    : [el("p", { class: "muted" }, "none seen in the last hour")]));
  $("chart-hours").replaceChildren(hoursChart(s.ended_per_hour));
  $("chart-spend").replaceChildren(spendChart(s.spend_per_day, s.daily_cost_cap));
  $("chart-iterations").replaceChildren(barChart(s.iterations.map((i) => [String(i.iterations), i.tasks, "#2563eb"])));
  const rate = s.memory_hit_rate;
  $("chart-hits").replaceChildren(hitChart(rate.tasks_with_hits, rate.tasks_with_failures));
}

// --- charts: inline SVG ---------------------------------------------------------------------------------------
const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function barChart(bars, capLine) {
  const width = 260, height = 120, pad = 18;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img" });
  const max = Math.max(1, capLine || 0, ...bars.map((b) => b[1]));
  const step = (width - pad) / Math.max(1, bars.length);
  bars.forEach(([label, value, colour], i) => {
    const h = (height - 2 * pad) * value / max;
    root.append(svg("rect", { x: pad + i * step + 2, y: height - pad - h, width: Math.max(2, step - 4), height: h, fill: colour }));
    root.append(svg("text", { x: pad + i * step + step / 2, y: height - 4, "text-anchor": "middle" }, label));
    root.append(svg("text", { x: pad + i * step + step / 2, y: height - pad - h - 2, "text-anchor": "middle" }, value));
  });
  if (capLine) {
    const y = height - pad - (height - 2 * pad) * capLine / max;
    root.append(svg("line", { x1: pad, x2: width, y1: y, y2: y, stroke: "#b91c1c", "stroke-dasharray": "4 3" }));
    root.append(svg("text", { x: width - 2, y: y - 2, "text-anchor": "end" }, "cap " + capLine));
  }
  if (bars.length === 0) root.append(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle" }, "no data yet"));
  return root;
}

function hoursChart(rows) {
  const byHour = new Map();
  rows.forEach((r) => {
    const key = r.hour.slice(11, 13) + "h";
    const entry = byHour.get(key) || {};
    entry[r.status] = (entry[r.status] || 0) + r.count;
    byHour.set(key, entry);
  });
  const width = 260, height = 120, pad = 18;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img" });
  const totals = [...byHour.values()].map((e) => Object.values(e).reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const step = (width - pad) / Math.max(1, byHour.size);
  [...byHour.entries()].forEach(([hour, counts], i) => {
    let y = height - pad;
    Object.entries(counts).forEach(([status, n]) => {
      const h = (height - 2 * pad) * n / max;
      y -= h;
      root.append(svg("rect", { x: pad + i * step + 2, y, width: Math.max(2, step - 4), height: h, fill: OUTCOME_COLOURS[status] || "#6b7280", "data-status": status }));
    });
    root.append(svg("text", { x: pad + i * step + step / 2, y: height - 4, "text-anchor": "middle" }, hour));
  });
  if (byHour.size === 0) root.append(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle" }, "no data yet"));
  return root;
}

function spendChart(days, cap) {
  return barChart(days.map((d) => [d.day.slice(5, 10), Number(d.cost.toFixed(4)), "#0e7490"]), cap);
}

function hitChart(hits, failures) {
  const width = 260, height = 120;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img" });
  const rate = failures === 0 ? 0 : hits / failures;
  root.append(svg("rect", { x: 10, y: 40, width: 240, height: 24, fill: "#e5e7eb" }));
  root.append(svg("rect", { x: 10, y: 40, width: 240 * rate, height: 24, fill: "#7c3aed", id: "hit-rate-bar" }));
  root.append(svg("text", { x: 130, y: 90, "text-anchor": "middle" },
    failures === 0 ? "no failures stored yet" : Math.round(rate * 100) + "% of tasks with a failure got a memory hit (" + hits + "/" + failures + ")"));
  return root;
}

// --- the selected task: live timeline ---------------------------------------------------------------------------
async function select(id) {
  if (state.stream) state.stream.abort();
  state.selected = id;
  state.lastEventId = 0;
  $("detail").hidden = false;
  $("detail-id").textContent = short(id);
  $("timeline").replaceChildren();
  $("detail-result").hidden = true;
  await refreshDetail();
  follow(id);
}

async function refreshDetail() {
  if (!state.selected) return;
  const t = await api("/api/v1/tasks/" + state.selected);
  $("detail-status").textContent = t.status;
  $("detail-status").className = "status status-" + t.status;
  $("detail-summary").textContent = `attempt ${t.attempt} on ${t.worker || "-"}, ${t.iterations} iteration(s), ` +
    `${t.failures} failure(s), ${t.memory_hits} memory hit(s), cost ${t.cost.toFixed(4)}` + (t.detail ? " — " + t.detail : "");
  if (t.result) {
    $("detail-result").hidden = false;
    $("detail-result").textContent = t.result.files
      ? Object.entries(t.result.files).map(([p, c]) => "# " + p + "\n" + c).join("\n")
      : (t.result.handoff ? t.result.handoff.patch : JSON.stringify(t.result, null, 2));
  }
}

function describe(name, e) {
  switch (name) {
    case "RunStarted": return "run started: " + e.task.split("\n")[0];
    case "RunResumed": return "run resumed after iteration " + e.iteration + " (taken over from another worker: " +
      e.files + " file(s), " + e.tokens + " tokens and cost " + e.cost.toFixed(4) + " carried over)";
    case "AgentWarning": return "warning (" + e.source + "): " + e.message;
    case "CommandBlocked": return "command blocked by " + e.rule + ": " + e.command;
    case "BreakerWarning": return "breaker warning: " + e.iterationsRemaining + " iteration(s) left, " + e.detail;
    case "PhaseEntered": return "iteration " + e.iteration + ": " + e.phase.toUpperCase();
    case "ModelCalled": return e.role + " called " + e.model + " (" + (e.inputTokens + e.outputTokens) + " tokens)";
    case "TestsRun": return "tests " + e.outcome + ": " + e.passed + " passed, " + e.failed + " failed, " + e.errored + " errored (" + e.duration + " ms)";
    case "FailureStored": return "failure stored: " + e.signature;
    case "MemoryHit": return "memory hit: " + e.hits.map((h) => h.summary + " (similarity " + h.similarity.toFixed(2) + (h.hasFix ? ", with fix" : "") + ")").join("; ");
    case "FixLinked": return "fix linked (" + e.diffLines + " diff lines)";
    case "IterationFinished": return "iteration " + e.iteration + " " + e.outcome + (e.summary ? ": " + e.summary : "");
    case "BreakerTripped": return "breaker tripped: " + e.reason + " " + e.detail;
    case "ActionTaken": return e.role + " " + e.kind + " " + e.subject + " → " + e.outcome;
    case "RunFinished": return "run finished: " + e.result.outcome + (e.result.reason ? " (" + e.result.reason + ")" : "");
    default: return name;
  }
}

function show(name, id, data) {
  const e = JSON.parse(data);
  const item = el("li", { class: "ev-" + name + (e.outcome ? " " + e.outcome : ""), "data-id": id, "data-type": name }, describe(name, e));
  $("timeline").append(item);
  item.scrollIntoView({ block: "nearest" });
}

async function follow(id) {
  const controller = new AbortController();
  state.stream = controller;
  while (state.selected === id && !controller.signal.aborted) {
    try {
      const response = await fetch("/api/v1/tasks/" + id + "/events", {
        headers: headers({ "Accept": "text/event-stream", "Last-Event-ID": String(state.lastEventId) }),
        signal: controller.signal,
      });
      if (!response.ok) return;
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let name = "message", eid = null; const data = [];
          block.split("\n").forEach((line) => {
            if (line.startsWith("event:")) name = line.slice(6).trim();
            else if (line.startsWith("id:")) eid = line.slice(3).trim();
            else if (line.startsWith("data:")) data.push(line.slice(5).trim());
          });
          if (name === "end") { await refreshDetail(); return; }
          if (eid !== null && Number(eid) > state.lastEventId) {
            state.lastEventId = Number(eid);
            show(name, eid, data.join("\n"));
            if (name === "RunFinished" || name === "TestsRun") refreshDetail();
          }
        }
      }
    } catch (err) {
      if (controller.signal.aborted) return;
    }
    await new Promise((r) => setTimeout(r, 1000)); // dropped: resume after the last event seen
  }
}

// --- actions ---------------------------------------------------------------------------------------------------
async function submitTask(event) {
  event.preventDefault();
  const body = { task: $("task-text").value };
  if ($("task-language").value) body.language = $("task-language").value;
  if ($("task-mode").value) body.mode = $("task-mode").value;
  if ($("task-iterations").value) body.max_iterations = Number($("task-iterations").value);
  $("submit-error").hidden = true;
  try {
    const accepted = await api("/api/v1/tasks", { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });
    $("task-text").value = "";
    await refreshTasks();
    select(accepted.id);
  } catch (err) {
    $("submit-error").textContent = err.message;
    $("submit-error").hidden = false;
  }
}

async function cancelTask(id) {
  try { await api("/api/v1/tasks/" + id + "/cancel", { method: "POST" }); } catch (err) { /* shown by the next refresh */ }
  refreshTasks();
}

async function decide(id, decision) {
  await api("/api/v1/approvals/" + id, { method: "POST", body: JSON.stringify({ decision }), headers: { "Content-Type": "application/json" } });
  refreshApprovals();
}

$("submit-form").addEventListener("submit", submitTask);
$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  state.token = $("token").value.trim();
  sessionStorage.setItem("agentloop.token", state.token);
  $("token-form").hidden = true;
  tick();
});

async function tick() {
  try {
    await Promise.all([refreshTasks(), refreshApprovals(), refreshStats()]);
  } catch (err) {
    if (err.message !== "unauthorized") $("connection").textContent = "error: " + err.message;
  }
}
tick();
setInterval(tick, 2000);
