/* The front page: breaking and latest stories, refreshed every 30 seconds. */
"use strict";

(() => {
  const {el, api, clear, num, ago, when, label, headline, showError, storyLink} = ND;
  const REFRESH_MS = 30000;
  const form = document.getElementById("filters");
  const status = document.getElementById("status");
  const more = document.getElementById("more");
  let cursor = null;

  for (const type of Object.keys(ND.EVENT_COLOURS)) {
    document.getElementById("event-type").appendChild(el("option", {value: type}, label(type)));
  }
  const params = new URLSearchParams(location.search);
  for (const [key, value] of params) if (form.elements[key]) form.elements[key].value = value;

  function filters() {
    const data = {};
    for (const [key, value] of new FormData(form)) if (value) data[key] = value;
    return data;
  }

  function card(story) {
    const figures = (story.headline || []).filter((t) => t.best !== null || t.low !== null).slice(0, 3);
    return el("article", {class: "card" + (story.breaking ? " is-breaking" : ""), dataset: {story: story.id}},
      el("h3", {}, story.breaking ? el("span", {class: "badge hot"}, "breaking") : null, " ",
        storyLink(story.id, story.title || "(untitled story)")),
      el("p", {class: "meta"},
        el("span", {title: when(story.last_seen)}, `last report ${ago(story.last_seen) || when(story.last_seen)}`),
        " · ", `${num(story.reports)} report${story.reports === 1 ? "" : "s"}`,
        " · ", story.sources.length ? `${story.sources.length} source${story.sources.length === 1 ? "" : "s"}`
          : "source unnamed",
        story.languages.length ? [" · ", story.languages.join(", ")] : null),
      story.sources.length ? el("p", {class: "sources"}, story.sources.slice(0, 6).join(" · "),
        story.sources.length > 6 ? ` +${story.sources.length - 6}` : "") : null,
      story.places.length ? el("p", {class: "places"}, el("span", {class: "label"}, "Places: "),
        story.places.slice(0, 5).map((p) => p.name + (p.country ? ` (${p.country})` : "")).join(", ")) : null,
      figures.length ? el("ul", {class: "figures"}, figures.map((t) => el("li", {},
        headline(t), t.disagreements ? el("span", {class: "badge warn", title: "sources disagree"}, "disputed") : null,
        t.revisions ? el("span", {class: "badge", title: "a claimant revised the figure"}, "revised") : null))) : null);
  }

  function fill(container, items, empty) {
    clear(container);
    if (!items.length) container.appendChild(el("p", {class: "muted"}, empty));
    for (const story of items) container.appendChild(card(story));
  }

  async function load() {
    const base = filters();
    try {
      const [breaking, latest] = await Promise.all([
        api("/stories", {...base, breaking: "true", limit: 6}),
        api("/stories", {...base, limit: 20}),
      ]);
      fill(document.getElementById("breaking"), breaking.items, "No breaking story right now.");
      fill(document.getElementById("latest"), latest.items, "No story matches.");
      cursor = latest.next_cursor;
      more.hidden = !cursor;
      status.textContent = `updated ${new Date().toLocaleTimeString()}`;
    } catch (error) {
      showError(document.getElementById("latest"), error);
      status.textContent = "could not load";
    }
  }

  more.addEventListener("click", async () => {
    try {
      const page = await api("/stories", {...filters(), limit: 20, cursor});
      const container = document.getElementById("latest");
      for (const story of page.items) container.appendChild(card(story));
      cursor = page.next_cursor;
      more.hidden = !cursor;
    } catch (error) {
      showError(document.getElementById("latest"), error);
    }
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams(filters());
    history.replaceState(null, "", query.toString() ? "?" + query : location.pathname);
    load();
  });

  load();
  setInterval(() => {
    if (!document.hidden && more.dataset.paged !== "1") load();
  }, REFRESH_MS);
  more.addEventListener("click", () => { more.dataset.paged = "1"; });
})();
