// communique review: keyboard, decisions and adding rows. Plain JS, no build step.
// Everything shown comes from the server's escaped HTML; text from the page is only ever
// written with textContent.
"use strict";
(function () {
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const csrf = $('meta[name="csrf-token"]').content;
  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

  // -- reviewer name: kept in a cookie the server reads with each decision
  const who = $("#reviewer");
  if (who) {
    who.addEventListener("change", () => {
      document.cookie = "cq_reviewer=" + encodeURIComponent(who.value.trim()) +
        "; path=/; SameSite=Strict; max-age=31536000";
      location.reload();
    });
  }

  // -- help
  const help = $("#help");
  const toggleHelp = () => (help.open ? help.close() : help.showModal());
  $("#help-open").addEventListener("click", toggleHelp);

  async function post(url, body) {
    let res;
    try {
      res = await fetch(url, {
        method: "POST", credentials: "same-origin", body: JSON.stringify(body),
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      });
    } catch (err) {
      return { status: 0, data: { error: "the review server cannot be reached: " + err } };
    }
    let data;
    try { data = await res.json(); } catch (err) { data = { error: "the server answered " + res.status }; }
    return { status: res.status, data: data };
  }

  const handlers = {};  // key -> function, set by the page
  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (help.open) {  // the dialog handles its own keys (Escape closes it)
      if (ev.key === "?") { ev.preventDefault(); help.close(); }
      return;
    }
    if (typing(ev.target)) {
      if (ev.key === "Escape" && handlers.Escape) { handlers.Escape(ev); }
      return;
    }
    const fn = ev.key === "?" ? toggleHelp : handlers[ev.key];
    if (fn) { ev.preventDefault(); fn(ev); }
  });

  // ------------------------------------------------------------ the article list
  const table = $("table.articles");
  if (table) {
    const items = $$("tr.item", table);
    let at = -1;
    const pick = (i) => {
      if (!items.length) return;
      at = Math.max(0, Math.min(items.length - 1, i));
      items.forEach((tr, k) => tr.classList.toggle("selected", k === at));
      items[at].scrollIntoView({ block: "nearest" });
    };
    handlers.j = () => pick(at + 1);
    handlers.k = () => pick(at - 1);
    handlers.Enter = () => { if (at >= 0) location.href = items[at].dataset.href; };
    handlers.o = handlers.Enter;
    handlers.n = () => $("#next-unreviewed").click();
    table.addEventListener("click", (ev) => {
      const tr = ev.target.closest("tr.item");
      if (tr && !ev.target.closest("a")) location.href = tr.dataset.href;
    });
  }

  // ------------------------------------------------------------ the article view
  const text = $("#text");
  if (!text) return;
  const panels = $("#panels");
  const head = $(".article-head");
  const fit = () => document.documentElement.style.setProperty("--head", head.offsetHeight + "px");
  fit();
  window.addEventListener("resize", fit);

  let current = null;
  const rows = () => $$("li.row", panels);

  function spansOf(id) {
    return $$(".seg[data-rows]", text).filter((s) => s.dataset.rows.split(" ").includes(id));
  }

  function select(li, scroll) {
    rows().forEach((r) => r.classList.remove("selected"));
    $$(".focus", text).forEach((s) => s.classList.remove("focus"));
    current = li;
    if (!li) return;
    li.classList.add("selected");
    const id = li.dataset.row;
    const spans = spansOf(id);
    spans.forEach((s) => s.classList.add("focus"));
    $$('.lbl[data-for="' + CSS.escape(id) + '"]', text).forEach((l) => l.classList.add("focus"));
    if (scroll !== false) {
      li.scrollIntoView({ block: "nearest" });
      if (spans.length) spans[0].scrollIntoView({ block: "center" });
    }
    history.replaceState(null, "", "#row=" + encodeURIComponent(id));
  }

  function step(delta) {
    const all = rows();
    if (!all.length) return;
    const i = all.indexOf(current);
    select(all[i < 0 ? (delta > 0 ? 0 : all.length - 1) : Math.max(0, Math.min(all.length - 1, i + delta))]);
  }

  function message(li, textValue, info) {
    const box = $(".row-msg", li);
    box.textContent = textValue;
    box.classList.toggle("info", !!info);
    box.hidden = !textValue;
  }

  function progress() {
    const all = rows();
    const done = all.filter((r) => r.dataset.status !== "unreviewed").length;
    $("#article-progress").textContent = done + "/" + all.length;
  }

  function replaceRow(li, html) {
    const tpl = document.createElement("template");
    tpl.innerHTML = html.trim();  // rendered and escaped by the server
    const fresh = tpl.content.firstElementChild;
    li.replaceWith(fresh);
    const status = fresh.dataset.status;
    const id = fresh.dataset.row;
    spansOf(id).forEach((s) => {
      if (s.dataset.rows.split(" ")[0] !== id) return;
      s.className = s.className.replace(/\bst-\S+/, "st-" + status);
    });
    $$('.lbl[data-for="' + CSS.escape(id) + '"]', text).forEach((l) => {
      l.className = l.className.replace(/\bst-\S+/, "st-" + status);
    });
    if (current === li) select(fresh, false);
    progress();
    return fresh;
  }

  function formFields(form) {
    const out = {};
    $$("input[name], select[name]", form).forEach((el) => { out[el.name] = el.value; });
    return out;
  }

  function formError(form, data) {
    $$(".field", form).forEach((f) => f.classList.remove("invalid"));
    $(".msg", form).textContent = data.error || "";
    const bad = data.field && $('[name="' + CSS.escape(data.field) + '"]', form);
    if (bad) { bad.closest(".field").classList.add("invalid"); bad.focus(); }
  }

  async function decide(li, action, fields) {
    if (!li) return null;
    const body = { row_id: li.dataset.row, action: action, base: Number(li.dataset.base) };
    if (fields) body.fields = fields;
    const { status, data } = await post("/api/decide", body);
    if (status === 200) return replaceRow(li, data.html);
    if (status === 409) {  // decided by someone else meanwhile: show theirs
      const fresh = data.html ? replaceRow(li, data.html) : li;
      message(fresh, data.error, true);
      return null;
    }
    const form = $("form.edit", li);
    if (status === 422 && action === "edit" && form && !form.hidden) formError(form, data);
    else message(li, data.error || "failed (" + status + ")");
    return null;
  }

  function openEdit(li) {
    const form = li && $("form.edit", li);
    if (!form) return;
    select(li, false);
    form.hidden = false;
    const first = $("input, select", form);
    if (first) { first.focus(); if (first.select) first.select(); }
  }

  function closeForms() {
    $$("form.edit, form.add", panels).forEach((f) => { f.hidden = true; });
    hideAddbar();
  }

  panels.addEventListener("click", async (ev) => {
    const li = ev.target.closest("li.row");
    const act = ev.target.closest("[data-act]");
    if (act) {
      ev.preventDefault();
      const form = act.closest("form");
      if (act.dataset.act === "cancel") { form.hidden = true; return; }
      if (act.dataset.act === "edit") { openEdit(li); return; }
      const fresh = await decide(li, act.dataset.act);
      if (fresh) select(fresh, false);
      return;
    }
    if (li && !ev.target.closest("form, details, button, a")) select(li);
  });

  panels.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    if (form.classList.contains("edit")) {
      const fresh = await decide(form.closest("li.row"), "edit", formFields(form));
      if (fresh) select(fresh, false);
    } else if (form.classList.contains("add")) {
      const { status, data } = await post("/api/add", {
        article_id: text.dataset.article, table: form.dataset.table,
        start: Number(form.dataset.start), end: Number(form.dataset.end), fields: formFields(form),
      });
      if (status === 200) {
        location.hash = "row=" + encodeURIComponent(data.row_id);
        location.reload();
      } else {
        formError(form, data);
      }
    }
  });

  text.addEventListener("click", (ev) => {
    const seg = ev.target.closest(".seg[data-rows], .lbl[data-for]");
    if (!seg || !window.getSelection().isCollapsed) return;
    const id = seg.dataset.for || seg.dataset.rows.split(" ")[0];
    const li = document.getElementById("row-" + id);
    if (li) select(li);
  });

  // -- adding a row the extraction missed: select its text, choose a table
  const addbar = $("#addbar");
  let pending = null;

  function hideAddbar() { if (addbar) addbar.hidden = true; pending = null; }

  // Character offset (in code points, as the server counts) of a DOM position in the text.
  function offsetOf(node, off) {
    let el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    if (el === text) {
      const child = text.childNodes[off];
      if (!child) return Number(text.dataset.length);
      return Number(child.dataset.s);
    }
    el = el.closest("[data-s]");
    if (!el || !text.contains(el)) return null;
    const base = Number(el.dataset.s);
    if (el.classList.contains("lbl")) return base;
    if (node.nodeType === Node.TEXT_NODE) return base + Array.from(node.data.slice(0, off)).length;
    return base + (off > 0 ? Array.from(el.textContent).length : 0);
  }

  function checkSelection() {
    if (!addbar) return;
    const sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) { hideAddbar(); return; }
    const range = sel.getRangeAt(0);
    if (!text.contains(range.commonAncestorContainer)) { hideAddbar(); return; }
    const start = offsetOf(range.startContainer, range.startOffset);
    const end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) { hideAddbar(); return; }
    pending = { start: start, end: end };
    $("#addbar-text").textContent = sel.toString();
    const box = range.getBoundingClientRect();
    const col = text.parentElement.getBoundingClientRect();
    addbar.style.top = (box.bottom - col.top + text.parentElement.scrollTop + 6) + "px";
    addbar.style.left = Math.max(8, box.left - col.left) + "px";
    addbar.hidden = false;
  }

  text.addEventListener("mouseup", () => setTimeout(checkSelection, 0));
  text.addEventListener("keyup", (ev) => { if (ev.shiftKey) checkSelection(); });

  if (addbar) {
    addbar.addEventListener("mousedown", (ev) => ev.preventDefault());  // keep the selection
    addbar.addEventListener("click", async (ev) => {
      const button = ev.target.closest("[data-add]");
      if (!button || !pending) return;
      const tableName = button.dataset.add;
      const form = $('form.add[data-table="' + tableName + '"]', panels);
      const query = new URLSearchParams({ id: text.dataset.article, table: tableName,
        start: pending.start, end: pending.end });
      const res = await fetch("/api/prefill?" + query.toString(), { credentials: "same-origin" });
      const data = await res.json();
      if (!res.ok) { formError(form, data); form.hidden = false; return; }
      form.dataset.start = data.start;
      form.dataset.end = data.end;
      $(".add-text", form).textContent = data.text;
      Object.entries(data.fields).forEach(([name, value]) => {
        const el = $('[name="' + CSS.escape(name) + '"]', form);
        if (el) el.value = value === null ? "" : (typeof value === "number" && Number.isInteger(value) ? value.toFixed(0) : String(value));
      });
      $(".msg", form).textContent = "";
      $$(".field", form).forEach((f) => f.classList.remove("invalid"));
      hideAddbar();
      window.getSelection().removeAllRanges();
      form.hidden = false;
      form.scrollIntoView({ block: "nearest" });
      const first = $("input, select", form);
      if (first) first.focus();
    });
  }

  // -- the whole article: "reviewed: nothing to add" (all tables, or one panel's), or undo it
  async function mark(state, tables) {
    const body = { article_id: text.dataset.article, complete: state === "complete" };
    if (tables) body.tables = tables.split(" ");
    const { status, data } = await post("/api/mark", body);
    if (status === 200) { location.reload(); return; }
    const box = $("#mark-msg");
    box.textContent = data.error || "failed (" + status + ")";
    box.hidden = false;
  }

  document.addEventListener("click", (ev) => {
    const button = ev.target.closest("[data-mark]");
    if (button) { ev.preventDefault(); mark(button.dataset.mark, button.dataset.tables); }
  });

  // -- keyboard
  handlers.d = () => mark("complete");
  handlers.j = () => step(1);
  handlers.k = () => step(-1);
  handlers.a = async () => { const fresh = await decide(current, "accept"); if (fresh) { select(fresh, false); step(1); } };
  handlers.r = async () => { const fresh = await decide(current, "reject"); if (fresh) { select(fresh, false); step(1); } };
  handlers.e = () => openEdit(current);
  handlers.n = () => $("#next-unreviewed").click();
  handlers.Escape = () => {
    closeForms();
    if (document.activeElement) document.activeElement.blur();
    if (current) select(current, false);
  };

  const wanted = location.hash.match(/^#row=(.+)$/);
  if (wanted) {
    const li = document.getElementById("row-" + decodeURIComponent(wanted[1]));
    if (li) select(li);
  }
})();
