/* /docs: the API's OpenAPI schema, read from /openapi.json and shown as a list of endpoints
   (parameters, answers) and shapes. Offline: no Swagger UI from a CDN. */
"use strict";

(() => {
  const {el, api, clear, showError} = ND;

  function typeOf(schema) {
    if (!schema) return "";
    if (schema.$ref) return schema.$ref.split("/").pop();
    if (schema.anyOf) return schema.anyOf.map(typeOf).join(" | ");
    if (schema.enum) {
      return schema.enum.length > 5 ? `${schema.enum.slice(0, 3).join(" | ")} | … (${schema.enum.length} values)`
        : schema.enum.join(" | ");
    }
    if (schema.type === "array") return typeOf(schema.items) + "[]";
    return schema.type || "any";
  }

  function endpoint(path, method, op) {
    const params = op.parameters || [];
    const answers = Object.entries(op.responses || {});
    return el("section", {class: "tally endpoint", id: `${method}-${path}`},
      el("h3", {}, el("span", {class: "badge"}, method.toUpperCase()), " ", el("code", {}, path), " — ", op.summary || ""),
      params.length ? el("table", {class: "claims"},
        el("thead", {}, el("tr", {}, ["parameter", "in", "type", "description"].map((h) => el("th", {}, h)))),
        el("tbody", {}, params.map((p) => el("tr", {},
          el("td", {}, el("code", {}, p.name), p.required ? " *" : ""), el("td", {}, p.in),
          el("td", {}, typeOf(p.schema)), el("td", {}, p.description || (p.schema && p.schema.description) || ""))))) : null,
      op.requestBody ? el("p", {class: "small"}, "Body: ", op.requestBody.description || "JSON") : null,
      el("p", {class: "small"}, "Answers: ", answers.map(([code, r]) => {
        const content = r.content && (r.content["application/json"] || Object.values(r.content)[0]);
        return `${code} ${content && content.schema ? typeOf(content.schema) : ""} (${r.description})`;
      }).join(" · ")));
  }

  function shape(name, schema) {
    const props = Object.entries(schema.properties || {});
    return el("section", {class: "tally", id: "schema-" + name}, el("h3", {}, name),
      schema.description ? el("p", {class: "small muted"}, schema.description) : null,
      el("table", {class: "claims"}, el("tbody", {}, props.map(([k, v]) => el("tr", {},
        el("td", {}, el("code", {}, k)), el("td", {}, typeOf(v)), el("td", {}, v.description || ""))))));
  }

  api("/openapi.json").then((spec) => {
    document.getElementById("docs-intro").textContent = `${spec.info.title} ${spec.info.version}: ${spec.info.description || ""}`;
    const box = clear(document.getElementById("endpoints"));
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) box.appendChild(endpoint(path, method, op));
    }
    const shapes = clear(document.getElementById("schemas"));
    for (const [name, schema] of Object.entries((spec.components || {}).schemas || {})) {
      shapes.appendChild(shape(name, schema));
    }
  }).catch((error) => showError(document.getElementById("endpoints"), error));
})();
