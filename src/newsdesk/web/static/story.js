/* A story: its reports by source and time, and its ledger (tallies, claims, revisions,
   disagreements, range with its explanation); a claim opens its report with the sentence
   highlighted. */
"use strict";

(() => {
  const {el, api, clear, num, when, label, range, showError} = ND;
  const storyId = decodeURIComponent(location.pathname.split("/").pop());
  const articles = new Map();  // id -> promise of the article
  let story = null;

  function article(id) {
    if (!articles.has(id)) articles.set(id, api("/articles/" + encodeURIComponent(id)));
    return articles.get(id);
  }

  function head(s) {
    const box = clear(document.getElementById("story-head"));
    document.title = (s.title || s.id) + " · newsdesk";
    box.appendChild(el("h1", {}, s.breaking ? el("span", {class: "badge hot"}, "breaking") : null, " ",
      s.title || "(untitled story)"));
    box.appendChild(el("p", {class: "meta"},
      `${num(s.reports)} report${s.reports === 1 ? "" : "s"} from ` +
        (s.sources.length ? `${s.sources.length} source${s.sources.length === 1 ? "" : "s"}` : "unnamed sources"),
      ` · first ${when(s.first_seen)} · last ${when(s.last_seen)}`,
      s.languages.length ? ` · ${s.languages.join(", ")}` : "",
      s.closed ? " · closed" : ""));
    if (s.places.length) {
      box.appendChild(el("p", {class: "places"}, el("span", {class: "label"}, "Places: "),
        s.places.slice(0, 10).map((p) => `${p.name}${p.country ? ` (${p.country})` : ""} ×${p.mentions}`).join(", ")));
    }
    box.appendChild(el("p", {class: "links"},
      el("a", {href: "/ui/timeline?story=" + encodeURIComponent(s.id)}, "Timeline of this story"), " · ",
      el("a", {href: "/stories/" + encodeURIComponent(s.id)}, "JSON")));
  }

  function disputedIds(tally) {
    const ids = new Set();
    for (const d of tally.disagreements || []) {
      for (const side of d.sides || [d.claims || []]) for (const id of side) ids.add(id);
    }
    for (const c of tally.claims) if ((c.disputed_by || []).length) ids.add(c.id);
    return ids;
  }

  function claimRow(claim, tally, disputed) {
    const f = claim.figure;
    const current = (tally.current || []).includes(claim.id);
    const classes = ["claim"];
    if (disputed.has(claim.id)) classes.push("disputed");
    if (!current) classes.push("superseded");
    if (f.stance === "denied") classes.push("denied");
    const row = el("tr", {class: classes.join(" "), tabindex: "0", dataset: {claim: claim.id, article: claim.article},
      title: "show the sentence in its report"},
      el("td", {}, when(claim.published)),
      el("td", {}, claim.source || "?"),
      el("td", {}, f.claimant ? f.claimant.text : el("span", {class: "muted"}, "(the outlet)")),
      el("td", {class: "fig"}, f.text),
      el("td", {}, el("span", {class: "badge stance-" + f.stance}, f.stance),
        current ? null : el("span", {class: "badge", title: "a later claim by the same claimant replaced it"}, "old"),
        disputed.has(claim.id) ? el("span", {class: "badge warn"}, "disputed") : null));
    const open = () => showClaim(claim, row);
    row.addEventListener("click", open);
    row.addEventListener("keydown", (event) => { if (event.key === "Enter") open(); });
    return row;
  }

  function tallyCard(tally, children) {
    const disputed = disputedIds(tally);
    const title = [label(tally.category), tally.subject ? label(tally.subject) : null].filter(Boolean).join(" · ");
    const card = el("article", {class: "tally" + (tally.disagreements.length ? " has-disagreement" : ""),
      dataset: {key: tally.key}},
      el("header", {},
        el("h3", {}, title, tally.place ? el("span", {class: "muted"}, ` at ${tally.place}`) : null),
        el("p", {class: "range"}, range(tally.low, tally.best, tally.high))),
      Object.keys(tally.explanation || {}).length ? el("dl", {class: "explain"},
        Object.entries(tally.explanation).map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])) : null);
    if (tally.disagreements.length) {
      card.appendChild(el("div", {class: "disagreements", role: "note"},
        el("strong", {}, "Sources disagree"),
        el("ul", {}, tally.disagreements.map((d) => el("li", {},
          `${d.claimants[0] || "?"} says “${d.values[0]}”, `,
          `${d.claimants[1] || "?"} ${d.kind === "denial" ? "denies it" : `says “${d.values[1]}”`}`)))));
    }
    if ((tally.revisions || []).length) {
      card.appendChild(el("div", {class: "revisions"}, el("strong", {}, "Revisions"),
        el("ol", {class: "rev-timeline"}, tally.revisions.map((r) => el("li", {},
          el("time", {}, when(r.at)), " ", r.claimant, ": ",
          r.from === null && r.to === null ? (r.note || "revised") : `${num(r.from)} → ${num(r.to)}`,
          r.explicit ? el("span", {class: "badge"}, "said so") : null)))));
    }
    const claims = [...tally.claims].sort((a, b) => String(a.published).localeCompare(String(b.published)));
    card.appendChild(el("table", {class: "claims"},
      el("thead", {}, el("tr", {}, ["time", "source", "claimant", "figure", "stance"].map((h) => el("th", {}, h)))),
      el("tbody", {}, claims.map((c) => claimRow(c, tally, disputed)))));
    if (children.length) card.appendChild(el("div", {class: "subtallies"}, children));
    return card;
  }

  function ledger(data) {
    const box = clear(document.getElementById("ledger"));
    if (!data || !data.tallies.length) {
      box.appendChild(el("p", {class: "muted"}, "No figures in this story's reports yet."));
      return;
    }
    const byParent = new Map();
    for (const t of data.tallies) {
      const parent = t.parent && data.tallies.some((o) => o.key === t.parent) ? t.parent : null;
      if (!byParent.has(parent)) byParent.set(parent, []);
      byParent.get(parent).push(t);
    }
    const build = (t) => tallyCard(t, (byParent.get(t.key) || []).map(build));
    for (const t of byParent.get(null) || []) box.appendChild(build(t));
  }

  function reports(list) {
    const box = clear(document.getElementById("reports"));
    const bySource = new Map();
    for (const a of list) {
      const key = a.source || "(unknown source)";
      if (!bySource.has(key)) bySource.set(key, []);
      bySource.get(key).push(a);
    }
    for (const [source, items] of bySource) {
      box.appendChild(el("section", {class: "source"}, el("h3", {}, source),
        el("ul", {}, items.map((a) => el("li", {},
          el("time", {}, when(a.published)), " ",
          el("a", {href: "#", dataset: {article: a.id}, onclick: (event) => { event.preventDefault(); showArticle(a.id); }},
            a.title || a.id),
          a.duplicate_of ? el("span", {class: "badge"}, "duplicate") : null,
          a.language ? el("span", {class: "muted"}, ` ${a.language}`) : null)))));
    }
  }

  /** The report's text with [from, to) marked, and the figure inside it marked again. */
  function markedText(text, from, to, figFrom, figTo) {
    const body = el("div", {class: "report-text"});
    if (from === undefined || from === null || from < 0 || to > text.length || from >= to) {
      body.appendChild(document.createTextNode(text));
      return body;
    }
    body.appendChild(document.createTextNode(text.slice(0, from)));
    const mark = el("mark", {class: "sentence"});
    if (figFrom >= from && figTo <= to && figFrom < figTo) {
      ND.append(mark, [text.slice(from, figFrom), el("strong", {class: "figure"}, text.slice(figFrom, figTo)),
        text.slice(figTo, to)]);
    } else {
      mark.appendChild(document.createTextNode(text.slice(from, to)));
    }
    body.appendChild(mark);
    body.appendChild(document.createTextNode(text.slice(to)));
    return body;
  }

  async function showArticle(id, claim) {
    const box = clear(document.getElementById("reader"));
    box.appendChild(el("p", {class: "muted"}, "loading…"));
    try {
      const a = await article(id);
      clear(box);
      box.appendChild(el("h3", {class: "report-title"}, a.title || a.id));
      box.appendChild(el("p", {class: "meta"}, [a.source, when(a.published), a.language].filter(Boolean).join(" · "),
        a.url ? [" · ", el("a", {href: a.url, rel: "noopener noreferrer nofollow", target: "_blank"}, "original")] : null));
      const f = claim ? claim.figure : null;
      box.appendChild(markedText(a.text, claim ? claim.sentence_start : null, claim ? claim.sentence_end : null,
        f ? f.start : -1, f ? f.end : -1));
      const mark = box.querySelector("mark");
      if (mark) mark.scrollIntoView({block: "center"});
    } catch (error) {
      showError(box, error);
    }
  }

  function showClaim(claim, row) {
    for (const r of document.querySelectorAll("tr.claim.selected")) r.classList.remove("selected");
    row.classList.add("selected");
    showArticle(claim.article, claim);
  }

  async function load() {
    try {
      story = await api("/stories/" + encodeURIComponent(storyId));
    } catch (error) {
      showError(document.getElementById("story-head"), error);
      return;
    }
    head(story);
    ledger(story.ledger);
    reports(story.articles);
  }

  load();
})();
