/* A timeline of events and figures, for a story (?story=) or a place (?place=), day by day. */
"use strict";

(() => {
  const {el, api, clear, num, when, label, showError, colour} = ND;
  const SVG = "http://www.w3.org/2000/svg";
  const form = document.getElementById("tl-filters");
  const status = document.getElementById("status");
  const params = new URLSearchParams(location.search);
  for (const [key, value] of params) if (form.elements[key]) form.elements[key].value = value;

  function svgEl(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  }

  function dayOf(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? String(iso).slice(0, 10) : d.toISOString().slice(0, 10);
  }

  function chart(days, byDay) {
    const svg = clear(document.getElementById("tl-chart"));
    const dated = days.filter(Boolean);
    if (!dated.length) return;
    const max = Math.max(1, ...dated.map((d) => byDay.get(d).events.length + byDay.get(d).figures.length));
    const width = 1000 / dated.length;
    dated.forEach((day, i) => {
      const {events, figures} = byDay.get(day);
      let top = 100;
      for (const e of events) {
        const h = 90 / max;
        top -= h;
        const bar = svgEl("rect", {x: i * width + 1, y: top, width: Math.max(1, width - 2), height: h, fill: colour(e.type)});
        const t = svgEl("title");
        t.textContent = `${day}: ${label(e.type)}`;
        bar.appendChild(t);
        svg.appendChild(bar);
      }
      if (figures.length) {
        const h = (90 * figures.length) / max;
        top -= h;
        const bar = svgEl("rect", {x: i * width + 1, y: top, width: Math.max(1, width - 2), height: h, class: "fig-bar"});
        const t = svgEl("title");
        t.textContent = `${day}: ${figures.length} figure${figures.length === 1 ? "" : "s"}`;
        bar.appendChild(t);
        svg.appendChild(bar);
      }
      if (i === 0 || i === dated.length - 1 || dated.length < 12) {
        const text = svgEl("text", {x: i * width + width / 2, y: 115, "text-anchor": "middle", class: "tl-label"});
        text.textContent = day;
        svg.appendChild(text);
      }
    });
  }

  function eventItem(e) {
    const swatch = el("i", {class: "swatch"});
    swatch.style.background = colour(e.type);
    return el("li", {class: "tl-event"}, swatch, el("strong", {}, label(e.type)),
      e.place ? ` in ${e.place}${e.country ? ` (${e.country})` : ""}` : "",
      e.killed || e.injured ? ` · killed ${num(e.killed || 0)}, injured ${num(e.injured || 0)}` : "",
      e.day_from === "published" ? el("span", {class: "muted", title: "the report gives no date: its publication day"}, " (report's day)") : "",
      el("div", {class: "quote"}, e.text || ""),
      el("div", {class: "muted small"}, e.source || "", " · ",
        e.story ? el("a", {href: "/ui/story/" + encodeURIComponent(e.story)}, e.title || e.article) : e.title || e.article));
  }

  function figureItem(f) {
    return el("li", {class: "tl-figure"}, el("span", {class: "badge"}, label(f.category)), " ",
      el("strong", {}, f.text || ""), f.claimant ? ` — ${f.claimant}` : "",
      el("span", {class: "badge stance-" + f.stance}, f.stance),
      el("div", {class: "muted small"}, f.source || "", " · ", when(f.published), " · ",
        f.story ? el("a", {href: "/ui/story/" + encodeURIComponent(f.story)}, f.title || f.article) : f.title || f.article));
  }

  async function load() {
    const story = form.elements.story.value.trim();
    const place = form.elements.place.value.trim();
    const filter = story ? {story} : place ? {place} : {};
    document.getElementById("tl-title").textContent = story ? "Timeline of story " + story
      : place ? "Timeline of " + place : "Timeline of the latest events";
    status.textContent = "loading…";
    const list = clear(document.getElementById("timeline"));
    try {
      const [events, figures] = await Promise.all([
        api("/events", {...filter, limit: story || place ? 2000 : 300}),
        api("/figures", {...filter, limit: story || place ? 2000 : 300}),
      ]);
      if (story) {
        try {
          const s = await api("/stories/" + encodeURIComponent(story));
          document.getElementById("tl-title").textContent = "Timeline: " + (s.title || story);
        } catch (error) { /* the title is a nicety */ }
      }
      const byDay = new Map();
      const slot = (day) => {
        if (!byDay.has(day)) byDay.set(day, {events: [], figures: []});
        return byDay.get(day);
      };
      for (const e of events.items) slot(e.day ? e.day.slice(0, 10) : "").events.push(e);
      for (const f of figures.items) slot(dayOf(f.published)).figures.push(f);
      const days = [...byDay.keys()].sort();
      chart(days, byDay);
      for (const day of days) {
        const {events: es, figures: fs} = byDay.get(day);
        list.appendChild(el("li", {class: "tl-day"}, el("h3", {}, day || "undated"),
          es.length ? el("ul", {class: "tl-events"}, es.map(eventItem)) : null,
          fs.length ? el("ul", {class: "tl-figures"}, fs.map(figureItem)) : null));
      }
      if (!days.length) list.appendChild(el("li", {class: "muted"}, "No event or figure found."));
      status.textContent = `${events.items.length} events, ${figures.items.length} figures`;
    } catch (error) {
      showError(list, error);
      status.textContent = "could not load";
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value.trim()) query.set(key, value.trim());
    history.replaceState(null, "", query.toString() ? "?" + query : location.pathname);
    load();
  });
  load();
})();
