/* newsdesk dashboard: shared helpers. Every piece of text from the API (titles, report texts,
   sources, claimants) is untrusted: it reaches the page only through textContent and
   attribute setters, never as HTML, and links to reports must be http(s). */
"use strict";

const ND = (() => {
  /** An element: el("a", {href: "/x", class: "y"}, "text", otherNode, ...). Strings become text nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
      else if (key === "href") node.setAttribute("href", safeHref(value));
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** Local paths, and http(s) URLs; anything else (javascript:, data:, ...) becomes "#". */
  function safeHref(value) {
    const text = String(value);
    if (text.startsWith("/") && !text.startsWith("//")) return text;
    try {
      const url = new URL(text, location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : "#";
    } catch (e) {
      return "#";
    }
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.message) || `HTTP ${status}`);
      this.status = status;
      this.body = body;
    }
  }

  /** GET a JSON API path with query parameters (empty ones left out). */
  async function api(path, params) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== null && value !== undefined && value !== "") query.set(key, value);
    }
    const url = path + (query.toString() ? "?" + query : "");
    const response = await fetch(url, {headers: {Accept: "application/json"}});
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  const numberFormat = new Intl.NumberFormat("en");

  function num(value) {
    return value === null || value === undefined ? "?" : numberFormat.format(value);
  }

  /** "12–15", "≥ 22", "28" from a tally's low/best/high. */
  function range(low, best, high) {
    if (low === null && best === null && high === null) return "no number";
    if (high === null || high === undefined) return `≥ ${num(low)}` + (best !== null && best !== low ? ` (best ${num(best)})` : "");
    if (low === high) return num(low);
    return `${num(low)}–${num(high)}` + (best !== null && best !== undefined ? ` (best ${num(best)})` : "");
  }

  function when(iso) {
    if (!iso) return "undated";
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return String(iso);
    return date.toISOString().slice(0, 16).replace("T", " ") + " UTC";
  }

  function ago(iso) {
    if (!iso) return "";
    const seconds = (Date.now() - new Date(iso).getTime()) / 1000;
    if (!Number.isFinite(seconds)) return "";
    if (seconds < 90) return "just now";
    if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
    if (seconds < 129600) return `${Math.round(seconds / 3600)} h ago`;
    if (seconds < 8 * 86400) return `${Math.round(seconds / 86400)} days ago`;
    return "on " + new Date(iso).toISOString().slice(0, 10);
  }

  function label(code) {
    return String(code || "").replace(/_/g, " ");
  }

  /** One line per tally: "injured people: ≥ 28". */
  function headline(tally) {
    const what = [tally.category, tally.subject && tally.subject !== "people" ? tally.subject : null]
      .filter(Boolean).map(label).join(" ");
    return `${what}: ${range(tally.low, tally.best, tally.high)}`;
  }

  function showError(container, error) {
    clear(container).appendChild(el("p", {class: "error", role: "alert"},
      error instanceof ApiError ? `Error ${error.status}: ${error.message}` : `Error: ${error.message || error}`));
  }

  /** Colours of the event types (the map, the timeline and their legends). */
  const EVENT_COLOURS = {
    armed_clash: "#c0392b", government_regains_territory: "#8e44ad", non_state_actor_overtakes_territory: "#6c3483",
    chemical_weapon: "#1abc9c", air_drone_strike: "#e67e22", suicide_bomb: "#7b241c",
    shelling_artillery_missile_attack: "#d35400", remote_explosive_landmine_ied: "#a04000", grenade: "#b9770e",
    sexual_violence: "#943126", attack: "#e74c3c", abduction_forced_disappearance: "#5b2c6f",
    peaceful_protest: "#2e86c1", protest_with_intervention: "#2874a6", excessive_force_against_protesters: "#1b4f72",
    violent_demonstration: "#117a65", mob_violence: "#0e6655", agreement: "#27ae60", arrests: "#566573",
    change_to_group_activity: "#839192", disrupted_weapons_use: "#b7950b", headquarters_or_base_established: "#7d6608",
    looting_property_destruction: "#873600", non_violent_transfer_of_territory: "#45b39d", other: "#7f8c8d",
  };

  function colour(type) {
    return EVENT_COLOURS[type] || EVENT_COLOURS.other;
  }

  function storyLink(id, text) {
    return el("a", {href: "/ui/story/" + encodeURIComponent(id)}, text || id);
  }

  /** Mark the current page in the navigation bar. */
  function markNav() {
    for (const link of document.querySelectorAll("nav.top a")) {
      const path = link.getAttribute("href");
      if (path === location.pathname || (path !== "/" && location.pathname.startsWith(path))) {
        link.setAttribute("aria-current", "page");
      }
    }
  }

  document.addEventListener("DOMContentLoaded", markNav);

  return {el, append, clear, api, ApiError, num, range, when, ago, label, headline, showError, colour,
          EVENT_COLOURS, storyLink, safeHref};
})();
