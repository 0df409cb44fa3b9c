// reconcile serve: the page's behaviour. Every text that comes from a draft or the archive is put
// into the page with textContent (never as HTML), so a draft holding <script> runs nothing.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  let page = null; // the last checked draft (the server's page_data)
  const decisions = new Map(); // finding number -> "accepted" | "rejected"

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k.startsWith("data-")) node.setAttribute(k, String(v));
      else node[k] = v;
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function status(text, kind) {
    const s = $("status");
    s.textContent = text || "";
    s.className = kind || "";
  }

  async function post(url, body, contentType) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": contentType || "application/json" },
      body: contentType ? body : JSON.stringify(body),
    });
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = { error: `The server answered ${response.status} ${response.statusText}.` };
    }
    if (!response.ok) throw new Error(data.error || `The server answered ${response.status}.`);
    return data;
  }

  async function check(event) {
    if (event) event.preventDefault();
    const text = $("draft").value;
    if (!text.trim()) {
      status("Paste a draft first, or upload a file.", "error");
      return;
    }
    status("Checking…");
    try {
      show(await post("/api/check", { text, name: $("name").value }));
    } catch (e) {
      status(e.message, "error");
    }
  }

  async function upload() {
    const file = $("file").files[0];
    if (!file) return;
    const limit = Number(document.body.dataset.maxBytes);
    $("name").value = file.name;
    if (file.size > limit) {
      status(`${file.name} is too large: ${(file.size / 1e6).toFixed(1)} MB, and this server takes at most ` +
             `${document.body.dataset.limit}. Check a shorter piece of copy.`, "error");
      return;
    }
    status(`Checking ${file.name}…`);
    try {
      const data = await post(`/api/upload?name=${encodeURIComponent(file.name)}`, file, "application/octet-stream");
      $("draft").value = data.text;
      show(data);
    } catch (e) {
      status(e.message, "error");
    }
  }

  function show(data) {
    page = data;
    decisions.clear();
    $("result").hidden = false;
    const c = data.counts;
    status(`Checked ${data.name} in ${Math.round(data.seconds * 1000)} ms.`, "ok");
    $("summary").replaceChildren(
      el("span", { class: "count error" }, el("b", {}, c.error), " error"),
      el("span", { class: "count warning" }, el("b", {}, c.warning), " warning"),
      el("span", { class: "count info" }, el("b", {}, c.info), " info"),
      el("span", { class: "line" }, data.summary));
    drawText();
    drawFindings();
  }

  // The draft, each figure a <mark> with its reading on hover; an accepted fix shows old and new.
  function drawText() {
    const pre = $("text");
    pre.replaceChildren();
    const accepted = acceptedEdits();
    for (const seg of page.segments) {
      if (seg.figure === undefined) {
        pre.append(document.createTextNode(seg.text));
        continue;
      }
      const fig = page.figures[seg.figure];
      const worst = worstSeverity(fig.findings);
      const mark = el("mark", { class: `fig${worst ? " sev-" + worst : ""}`, "data-figure": seg.figure,
                                tabIndex: 0 });
      const edit = accepted.get(`${fig.line}:${fig.column}`);
      if (edit) {
        mark.classList.add("fixed");
        mark.append(el("del", {}, seg.text), el("ins", {}, edit.replacement));
      } else {
        mark.textContent = seg.text;
      }
      mark.addEventListener("mouseenter", (e) => tip(fig, e));
      mark.addEventListener("focus", (e) => tip(fig, e));
      mark.addEventListener("mouseleave", untip);
      mark.addEventListener("blur", untip);
      mark.addEventListener("click", () => focusFinding(fig.findings[0]));
      pre.append(mark);
    }
  }

  function worstSeverity(ns) {
    const order = ["info", "warning", "error"];
    let worst = null;
    for (const n of ns) {
      const s = page.findings[n].severity;
      if (worst === null || order.indexOf(s) > order.indexOf(worst)) worst = s;
    }
    return worst;
  }

  function tip(fig, event) {
    const t = $("tip");
    const rows = [["as written", fig.text], ["value", fig.value], ["interval", fig.interval],
                  ["entity", fig.entity || "—"], ["metric", fig.metric || "—"], ["period", fig.period || "—"],
                  ["kind", fig.kind + (fig.qualifier ? ` (${fig.qualifier})` : "")],
                  ["where", `line ${fig.line}, column ${fig.column}`]];
    t.replaceChildren(el("dl", {}, rows.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])));
    if (fig.findings.length) {
      t.append(el("p", { class: "tip-findings" },
                  fig.findings.map((n) => `${page.findings[n].rule} ${page.findings[n].severity}`).join(", ")));
    }
    t.hidden = false;
    const r = event.target.getBoundingClientRect();
    t.style.left = `${Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + window.innerWidth - 340))}px`;
    t.style.top = `${window.scrollY + r.bottom + 6}px`;
  }

  function untip() {
    $("tip").hidden = true;
  }

  function focusFinding(n) {
    if (n === undefined) return;
    const li = document.querySelector(`#findings li[data-finding="${n}"]`);
    if (li) {
      li.scrollIntoView({ block: "nearest", behavior: "smooth" });
      li.classList.add("flash");
      setTimeout(() => li.classList.remove("flash"), 900);
    }
  }

  function side(f) {
    return el("div", { class: `side ${f.draft ? "draft" : "archive"}` },
      el("div", { class: "who" }, f.draft ? "In the draft" : "In the archive"),
      el("div", { class: "written" }, f.text),
      el("div", { class: "value" }, `${f.value}  ${f.interval}`),
      el("div", { class: "doc" }, `${f.title} (${f.date || "undated"})`),
      el("div", { class: "loc" }, f.where));
  }

  function context(c) {
    return el("blockquote", { class: c.draft ? "draft" : "archive" },
      c.pieces.map((p) => (p.mark ? el("mark", { class: p.mark }, p.text) : p.text)),
      el("span", { class: "loc" }, c.where));
  }

  function drawFindings() {
    const ol = $("findings");
    ol.replaceChildren();
    if (!page.findings.length) {
      ol.append(el("li", { class: "none" }, "No findings: every figure agrees with the archive, as far as it was linked."));
    }
    for (const f of page.findings) {
      const li = el("li", { class: `finding ${f.severity}`, "data-finding": f.n, "data-rule": f.rule },
        el("div", { class: "head" }, el("span", { class: `sev ${f.severity}` }, f.severity),
           el("span", { class: "rule" }, f.rule), el("span", { class: "cause" }, f.cause)),
        el("p", { class: "message" }, f.message),
        el("div", { class: "sides" }, f.figures.map(side)),
        f.suggestion ? el("p", { class: "why" }, f.suggestion) : null,
        el("details", {}, el("summary", {}, "In their sentences"), f.contexts.map(context)));
      if (f.fix) li.append(fixBox(f));
      li.addEventListener("mouseenter", () => lightFigures(f, true));
      li.addEventListener("mouseleave", () => lightFigures(f, false));
      ol.append(li);
    }
    countAccepted();
  }

  function fixBox(f) {
    const decision = decisions.get(f.n);
    const box = el("div", { class: `fix ${f.fix.applicability}${decision ? " " + decision : ""}` },
      el("div", { class: "fix-title" }, `Fix (${f.fix.applicability})`),
      f.fix.edits.map((e) => el("div", { class: "edit" }, el("del", {}, e.original), " → ", el("ins", {}, e.replacement))));
    const accept = el("button", { type: "button", class: "accept", textContent: "Accept" });
    const reject = el("button", { type: "button", class: "reject", textContent: "Reject" });
    accept.setAttribute("aria-pressed", decision === "accepted" ? "true" : "false");
    reject.setAttribute("aria-pressed", decision === "rejected" ? "true" : "false");
    accept.addEventListener("click", () => decide(f.n, "accepted"));
    reject.addEventListener("click", () => decide(f.n, "rejected"));
    box.append(el("div", { class: "buttons" }, accept, reject,
                  decision ? el("span", { class: "decision" }, decision) : null));
    return box;
  }

  function decide(n, what) {
    if (decisions.get(n) === what) decisions.delete(n);
    else decisions.set(n, what);
    const li = document.querySelector(`#findings li[data-finding="${n}"]`);
    const f = page.findings[n];
    li.querySelector(".fix").replaceWith(fixBox(f));
    drawText();
    countAccepted();
  }

  function acceptedEdits() {
    const out = new Map();
    if (!page) return out;
    for (const [n, d] of decisions) {
      if (d !== "accepted") continue;
      for (const e of page.findings[n].fix.edits) out.set(`${e.line}:${e.column}`, e);
    }
    return out;
  }

  function countAccepted() {
    const n = [...decisions.values()].filter((d) => d === "accepted").length;
    $("accepted-count").textContent = n ? `${n} fix${n > 1 ? "es" : ""} accepted` : "no fix accepted yet";
  }

  function lightFigures(f, on) {
    for (const s of f.figures) {
      if (s.figure === null || s.figure === undefined) continue;
      const m = document.querySelector(`#text mark[data-figure="${s.figure}"]`);
      if (m) m.classList.toggle("lit", on);
    }
  }

  async function download() {
    if (!page) return;
    const edits = [...acceptedEdits().values()];
    try {
      const data = await post("/api/apply", { text: page.text, name: page.name, edits });
      const blob = new Blob([data.text], { type: "text/markdown;charset=utf-8" });
      const a = el("a", { href: URL.createObjectURL(blob), download: data.name });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
      status(`Downloaded ${data.name} with ${data.applied} fix${data.applied === 1 ? "" : "es"} applied.`, "ok");
    } catch (e) {
      status(e.message, "error");
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("draft-form").addEventListener("submit", check);
    $("file").addEventListener("change", upload);
    $("download").addEventListener("click", download);
    document.body.classList.add("ready");
  });
})();
