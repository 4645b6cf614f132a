/* The map of events: country outlines (Natural Earth 1:110m, shipped in the package) and the
   located events, coloured by type and sized by people killed and injured, filtered by date. */
"use strict";

(() => {
  const {el, api, clear, num, label, showError, colour} = ND;
  const SVG = "http://www.w3.org/2000/svg";
  const W = 1000, H = 500;
  const svg = document.getElementById("map");
  const tip = document.getElementById("tip");
  const status = document.getElementById("status");
  const form = document.getElementById("map-filters");
  let basemap = null;

  const x = (lon) => ((lon + 180) / 360) * W;
  const y = (lat) => ((90 - lat) / 180) * H;

  function svgEl(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  }

  for (const type of Object.keys(ND.EVENT_COLOURS)) {
    document.getElementById("event-type").appendChild(el("option", {value: type}, label(type)));
  }
  const params = new URLSearchParams(location.search);
  for (const [key, value] of params) if (form.elements[key]) form.elements[key].value = value;

  /** SVG path data of a (Multi)Polygon. A ring that crosses the date line is unwrapped (its
      longitudes kept continuous, running past ±180) so that it is drawn whole, not across the map. */
  function pathData(geometry) {
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    let d = "";
    for (const polygon of polygons) {
      for (const ring of polygon) {
        let previous = null, shift = 0;
        ring.forEach(([lon, lat], i) => {
          if (previous !== null) {
            if (lon + shift - previous > 180) shift -= 360;
            else if (lon + shift - previous < -180) shift += 360;
          }
          previous = lon + shift;
          d += (i === 0 ? "M" : "L") + x(previous).toFixed(1) + "," + y(lat).toFixed(1);
        });
        d += "Z";
      }
    }
    return d;
  }

  async function drawBasemap() {
    const response = await fetch("/static/vendor/countries-110m.json");
    const topology = await response.json();
    const countries = topojson.feature(topology, topology.objects.countries);
    basemap = svgEl("g", {class: "countries"});
    basemap.appendChild(svgEl("rect", {x: 0, y: 0, width: W, height: H, class: "sea"}));
    for (const feature of countries.features) {
      if (!feature.geometry) continue;
      const path = svgEl("path", {d: pathData(feature.geometry), class: "country"});
      const title = svgEl("title");
      title.textContent = (feature.properties && feature.properties.name) || "";
      path.appendChild(title);
      basemap.appendChild(path);
    }
    svg.appendChild(basemap);
  }

  function dayAfter(value) {
    const d = new Date(value + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }

  function radius(p) {
    const people = (p.killed || 0) + (p.injured || 0);
    return Math.min(22, 3 + 2.2 * Math.sqrt(people));
  }

  function fit(features) {
    if (!features.length) return [0, 0, W, H];
    const xs = features.map((f) => x(f.geometry.coordinates[0]));
    const ys = features.map((f) => y(f.geometry.coordinates[1]));
    let [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const w = Math.max(x1 - x0, 110), h = Math.max(y1 - y0, 55);
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    let vw = Math.max(w * 1.3, (h * 1.3 * W) / H), vh = (vw * H) / W;
    if (vw > W) { vw = W; vh = H; }
    x0 = Math.min(Math.max(cx - vw / 2, 0), W - vw);
    y0 = Math.min(Math.max(cy - vh / 2, 0), H - vh);
    return [x0, y0, vw, vh];
  }

  function showTip(event, p) {
    clear(tip);
    ND.append(tip, [el("strong", {}, label(p.type)), el("br"), p.place || "", p.country ? ` (${p.country})` : "",
      el("br"), p.day || "undated", (p.killed || p.injured) ? ` · killed ${num(p.killed || 0)}, injured ${num(p.injured || 0)}` : "",
      el("br"), el("span", {class: "muted"}, p.title || p.article)]);
    tip.hidden = false;
    const box = svg.getBoundingClientRect();
    tip.style.left = `${event.clientX - box.left + 12}px`;
    tip.style.top = `${event.clientY - box.top + 12}px`;
  }

  async function drawEvents() {
    const data = {};
    for (const [key, value] of new FormData(form)) if (value) data[key] = value;
    if (data.until) data.until = dayAfter(data.until);  // the form's "to" day is included
    status.textContent = "loading…";
    let collection;
    try {
      collection = await api("/events", {...data, format: "geojson", limit: 5000});
    } catch (error) {
      showError(document.getElementById("legend"), error);
      status.textContent = "could not load";
      return;
    }
    for (const old of svg.querySelectorAll("g.events")) old.remove();
    const layer = svgEl("g", {class: "events"});
    const features = collection.features;
    const [vx, vy, vw, vh] = fit(features);
    svg.setAttribute("viewBox", `${vx} ${vy} ${vw} ${vh}`);
    const k = vw / W;
    const sorted = [...features].sort((a, b) => radius(b.properties) - radius(a.properties));
    for (const f of sorted) {
      const p = f.properties;
      const [lon, lat] = f.geometry.coordinates;
      const dot = svgEl("circle", {cx: x(lon).toFixed(2), cy: y(lat).toFixed(2), r: (radius(p) * k).toFixed(2),
        fill: colour(p.type), class: "event", "data-type": p.type, "data-day": p.day, tabindex: 0});
      const title = svgEl("title");
      title.textContent = `${label(p.type)} · ${p.place || ""} · ${p.day || "undated"}`;
      dot.appendChild(title);
      dot.addEventListener("mousemove", (event) => showTip(event, p));
      dot.addEventListener("mouseleave", () => { tip.hidden = true; });
      dot.addEventListener("click", () => {
        if (p.story) location.href = "/ui/story/" + encodeURIComponent(p.story);
      });
      layer.appendChild(dot);
    }
    svg.appendChild(layer);
    legend(features);
    status.textContent = `${features.length} located event${features.length === 1 ? "" : "s"}` +
      (collection.next_cursor ? " (first 5000)" : "");
  }

  function legend(features) {
    const counts = new Map();
    for (const f of features) counts.set(f.properties.type, (counts.get(f.properties.type) || 0) + 1);
    const box = clear(document.getElementById("legend"));
    for (const [type, n] of [...counts].sort((a, b) => b[1] - a[1])) {
      box.appendChild(el("span", {class: "key"}, el("i", {class: "swatch", "data-type": type}), `${label(type)} (${n})`));
    }
    for (const swatch of box.querySelectorAll("i.swatch")) swatch.style.background = colour(swatch.dataset.type);
    if (!counts.size) box.appendChild(el("span", {class: "muted"}, "No located event in this range."));
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value) query.set(key, value);
    history.replaceState(null, "", query.toString() ? "?" + query : location.pathname);
    drawEvents();
  });

  drawBasemap().catch((error) => showError(document.getElementById("legend"), error)).then(drawEvents);
})();
