/* Search across reports (full text, with filters); matched words are marked in each snippet. */
"use strict";

(() => {
  const {el, api, clear, when, showError} = ND;
  const form = document.getElementById("search-form");
  const results = document.getElementById("results");
  const more = document.getElementById("more");
  const status = document.getElementById("status");
  let nextOffset = null;
  const params = new URLSearchParams(location.search);
  for (const [key, value] of params) if (form.elements[key]) form.elements[key].value = value;

  function dayAfter(value) {
    const d = new Date(value + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }

  function query() {
    const data = {};
    for (const [key, value] of new FormData(form)) if (value.trim()) data[key] = value.trim();
    if (data.until) data.until = dayAfter(data.until);
    return data;
  }

  /** The snippet as text nodes, with <mark> around each [start, end) highlight. */
  function snippet(text, highlights) {
    const node = el("p", {class: "snippet"});
    let at = 0;
    for (const [start, end] of highlights) {
      if (start < at) continue;
      node.appendChild(document.createTextNode(text.slice(at, start)));
      node.appendChild(el("mark", {}, text.slice(start, end)));
      at = end;
    }
    node.appendChild(document.createTextNode(text.slice(at)));
    return node;
  }

  async function openReport(item, li) {
    const existing = li.querySelector(".report-text");
    if (existing) { existing.remove(); return; }
    try {
      const a = await api("/articles/" + encodeURIComponent(item.id));
      li.appendChild(el("div", {class: "report-text"}, a.text));
    } catch (error) {
      showError(li, error);
    }
  }

  function row(item) {
    const li = el("li", {class: "result", dataset: {article: item.id}});
    ND.append(li, [
      el("h3", {}, el("a", {href: "#", onclick: (event) => { event.preventDefault(); openReport(item, li); }},
        item.title || item.id)),
      el("p", {class: "meta"}, [item.source, when(item.published)].filter(Boolean).join(" · ")),
      snippet(item.snippet, item.highlights)]);
    return li;
  }

  async function run(offset) {
    const data = query();
    if (!data.q) return;
    status.textContent = "searching…";
    try {
      const page = await api("/search", {...data, offset, limit: 20});
      if (!offset) clear(results);
      for (const item of page.items) results.appendChild(row(item));
      nextOffset = page.next_offset;
      more.hidden = nextOffset === null;
      const shown = results.querySelectorAll("li.result").length;
      status.textContent = shown ? `${shown}${nextOffset !== null ? "+" : ""} report${shown === 1 ? "" : "s"}` : "nothing found";
    } catch (error) {
      showError(results, error);
      status.textContent = "";
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value.trim()) q.set(key, value.trim());
    history.replaceState(null, "", "?" + q);
    run(0);
  });
  more.addEventListener("click", () => run(nextOffset));
  if (params.get("q")) run(0);
})();
