"""Score the extractor on the hand-annotated gold set: ``newsdesk eval figures`` and ``newsdesk eval types``.

The gold set (``tests/gold/figures_gold.jsonl``, written by hand before the extraction rules
were tuned; see ``docs/annotation-guide.md`` and ``tests/gold/README.md``) holds ids, character
offsets, short quotes and labels only. The texts are rebuilt at run time from ``../shared/bench``
by :func:`gold_documents`, by one fixed rule per set:

- ``geovirus/<id>``: the ``text`` field of ``geo_geovirus.jsonl``, as is;
- ``muc4/<docid>``: the ``doctext`` field of ``muc4_dev.jsonl``, as is;
- ``wikievents/<doc_id>``: the raw text of each sentence of ``wikievents_dev.jsonl``
  (``sentences[i][1]``) joined with ``"\\n"`` (the published ``text`` field glues sentences
  together with no space, so the title runs into the first sentence).

Scoring rules (all per article, then pooled):

- **Figures.** A predicted figure matches a gold one when their spans overlap, the categories are
  equal and the values are equal (``None`` matches ``None``; vague figures and ranges have value
  ``None``). Matching is one-to-one, larger overlaps first. Precision = matched / predicted,
  recall = matched / gold.
- **Claimant and stance**, on the matched pairs only: the claimant is right when both are null or
  the predicted claimant span overlaps one of the gold claimant's mentions; the stance is right
  when equal. ``claimant_stance`` counts pairs where both are right.
- **Totals.** The article's predicted killed and injured totals are the ``killed`` and ``injured``
  values of the *first* event in ``Reading.events`` that carries either count (null when no event
  does): an extractor lists the article's main event first. An article is right when both equal
  the gold totals (``None`` matches ``None``; ``0`` does not match ``None``).
- **Types.** Per article, the set of ``events[].type``. Per type: precision, recall and F1 over
  articles; ``macro_f1`` averages F1 over the types present in the gold of the scored articles;
  ``micro`` pools every type, including types predicted but absent from gold.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from newsdesk.errors import ConfigError, InputError, NewsdeskError
from newsdesk.options import Options
from newsdesk.records import EVENT_TYPES, FIGURE_CATEGORIES, QUALIFIERS, STANCES, Article, to_jsonable
from newsdesk.shared import shared_dir as find_shared_dir

__all__ = [
    "GOLD_PATH",
    "SELECTION",
    "SETS",
    "SPLITS",
    "TARGETS",
    "build_text",
    "gold_documents",
    "load_gold",
    "main_totals",
    "match_figures",
    "predict",
    "run_figures",
    "run_types",
    "score_figures",
    "score_types",
    "select_documents",
    "validate_gold",
]

GOLD_PATH = Path(__file__).resolve().parents[3] / "tests" / "gold" / "figures_gold.jsonl"
SPLITS = ("tune", "heldout")
SETS = {  # set name -> (file in bench/, id field)
    "geovirus": ("geo_geovirus.jsonl", "id"),
    "wikievents": ("wikievents_dev.jsonl", "doc_id"),
    "muc4": ("muc4_dev.jsonl", "docid"),
}
# How the documents were chosen (see tests/gold/README.md): per set, documents of at most
# ``max_chars`` characters ordered by sha256("<seed>:<set>:<id>"), the first ``quota`` taken;
# within a set, every third of that order (positions 2, 5, 8, ...) is held out.
SELECTION = {
    "seed": "newsdesk-gold-2026",
    "max_chars": 4000,
    "quota": {"geovirus": 25, "wikievents": 15, "muc4": 20},
    "heldout_every": 3,
}
TARGETS = {"precision": 0.90, "recall": 0.85, "totals_exact": 0.90, "claimant_stance": 0.80}


# --- gold texts --------------------------------------------------------------------------------


def build_text(set_name: str, record: Mapping[str, Any]) -> tuple[str, str]:
    """``(gold id, text)`` of one shared record, by the set's rule (see the module docstring)."""
    if set_name == "geovirus":
        return f"geovirus/{record['id']}", record["text"]
    if set_name == "muc4":
        return f"muc4/{record['docid']}", record["doctext"]
    if set_name == "wikievents":
        return f"wikievents/{record['doc_id']}", "\n".join(s[1] for s in record["sentences"])
    raise ConfigError(f"unknown gold set {set_name!r}", hint=f"known: {', '.join(SETS)}")


def _read_set(shared: Path, set_name: str) -> dict[str, str]:
    path = shared / "bench" / SETS[set_name][0]
    texts: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    gid, text = build_text(set_name, json.loads(line))
                except (json.JSONDecodeError, KeyError, TypeError, IndexError) as exc:
                    raise InputError(f"{path}#{n}", f"not a {set_name} record ({exc})") from None
                texts[gid] = text
    except FileNotFoundError:
        raise InputError(str(path), "shared evaluation file not found",
                         hint="pass --shared PATH or set NEWSDESK_SHARED") from None
    return texts


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def select_documents(shared: str | os.PathLike[str] | None = None) -> list[tuple[str, str]]:
    """The documents the selection rule picks, as ``(gold id, split)``, in gold-file order."""
    root = find_shared_dir(shared)
    chosen: list[tuple[str, str]] = []
    for set_name, quota in SELECTION["quota"].items():
        texts = _read_set(root, set_name)

        def key(gid: str, set_name: str = set_name) -> str:
            raw = gid.split("/", 1)[1]
            return hashlib.sha256(f"{SELECTION['seed']}:{set_name}:{raw}".encode()).hexdigest()

        ids = [g for g in sorted(texts, key=key) if len(texts[g]) <= SELECTION["max_chars"]][:quota]
        every = SELECTION["heldout_every"]
        chosen += [(g, "heldout" if n % every == every - 1 else "tune") for n, g in enumerate(ids)]
    return chosen


def load_gold(path: str | os.PathLike[str] | None = None) -> list[dict[str, Any]]:
    """The gold records (no texts). ``path`` defaults to ``$NEWSDESK_GOLD`` or the repository's file."""
    path = Path(path or os.environ.get("NEWSDESK_GOLD") or GOLD_PATH)
    records = []
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        records.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise InputError(f"{path}#{n}", f"not JSON ({exc})") from None
    except FileNotFoundError:
        raise ConfigError(f"{path}: gold file not found",
                          hint="run from a checkout (tests/gold/) or set NEWSDESK_GOLD") from None
    return records


def gold_documents(shared: str | os.PathLike[str] | None = None,
                   gold: Sequence[Mapping[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Gold records with their ``text`` rebuilt from the shared data (checked against its sha1)."""
    root = find_shared_dir(shared)
    records = load_gold() if gold is None else gold
    texts: dict[str, str] = {}
    for set_name in sorted({r["set"] for r in records}):
        texts.update(_read_set(root, set_name))
    docs = []
    for r in records:
        text = texts.get(r["id"])
        if text is None:
            raise InputError(r["id"], "gold document not found in the shared data")
        if _sha1(text) != r["text_sha1"]:
            raise InputError(r["id"], "the shared text differs from the one annotated (sha1 mismatch)",
                             hint="the gold offsets no longer hold; re-annotate or restore the shared file")
        docs.append({**r, "text": text})
    return docs


def validate_gold(docs: Iterable[Mapping[str, Any]]) -> list[str]:
    """Problems in gold documents (with texts): spans that do not quote the text, unknown labels."""
    problems: list[str] = []
    for d in docs:
        text, gid = d["text"], d["id"]
        if d.get("split") not in SPLITS:
            problems.append(f"{gid}: split {d.get('split')!r}")
        for t in d.get("event_types", []):
            if t not in EVENT_TYPES:
                problems.append(f"{gid}: event type {t!r}")
        for key in ("killed", "injured"):
            if d.get(key) is not None and (not isinstance(d[key], int) or d[key] < 0):
                problems.append(f"{gid}: {key} total {d[key]!r}")
        for i, f in enumerate(d.get("figures", [])):
            where = f"{gid} figure {i}"
            if text[f["start"]:f["end"]] != f["text"]:
                problems.append(f"{where}: span {f['start']}:{f['end']} is not {f['text']!r}")
            if f["category"] not in FIGURE_CATEGORIES:
                problems.append(f"{where}: category {f['category']!r}")
            if f["qualifier"] not in QUALIFIERS:
                problems.append(f"{where}: qualifier {f['qualifier']!r}")
            if f["stance"] not in STANCES:
                problems.append(f"{where}: stance {f['stance']!r}")
            if (f["value"] is None) != (f["qualifier"] in ("range", "vague")):
                problems.append(f"{where}: value {f['value']!r} with qualifier {f['qualifier']!r}")
            c = f.get("claimant")
            for m in ([] if c is None else [c, *c.get("mentions", [])]):
                if text[m["start"]:m["end"]] != m["text"]:
                    problems.append(f"{where}: claimant span {m['start']}:{m['end']} is not {m['text']!r}")
    return problems


# --- scoring -----------------------------------------------------------------------------------


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _same_value(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(b)))
    except (TypeError, ValueError):
        return False


def match_figures(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]],
                  *, labels: bool = True) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, predicted index)`` pairs: overlapping spans and, when ``labels``,
    the same category and value. Larger overlaps are matched first (ties: text order)."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = _overlap(g["start"], g["end"], p.get("start", -1), p.get("end", -1))
            if ov <= 0:
                continue
            if labels and (p.get("category") != g["category"] or not _same_value(p.get("value"), g["value"])):
                continue
            candidates.append((-ov, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def _claimant_right(gold: Mapping[str, Any] | None, pred: Mapping[str, Any] | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    mentions = [gold, *gold.get("mentions", [])]
    return any(_overlap(m["start"], m["end"], pred.get("start", -1), pred.get("end", -1)) > 0 for m in mentions)


def _count_value(count: Any) -> Any:
    if isinstance(count, Mapping):
        return count.get("value")
    return count


def main_totals(reading: Mapping[str, Any]) -> tuple[Any, Any]:
    """``(killed, injured)`` of the first event of a reading that carries either count."""
    for event in reading.get("events") or []:
        killed, injured = _count_value(event.get("killed")), _count_value(event.get("injured"))
        if event.get("killed") is not None or event.get("injured") is not None:
            return killed, injured
    return None, None


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _f1(tp: int, n_pred: int, n_gold: int) -> float | None:
    """F1 from counts (2·tp / (predicted + gold)); None when there is nothing on either side."""
    return round(2 * tp / (n_pred + n_gold), 4) if n_pred + n_gold else None


def _as_dict(reading: Any) -> dict[str, Any]:
    if reading is None:
        return {"figures": [], "events": []}
    return reading if isinstance(reading, dict) else to_jsonable(reading)


def score_figures(docs: Sequence[Mapping[str, Any]], readings: Mapping[str, Any]) -> dict[str, Any]:
    """Figure, totals and claimant/stance scores of ``readings`` (id -> Reading or its dict) on ``docs``.

    A document with no reading counts as an empty prediction (every gold figure missed)."""
    n_gold = n_pred = n_match = n_span_match = 0
    claimant_ok = stance_ok = both_ok = 0
    totals_ok = killed_ok = injured_ok = 0
    misses: list[dict[str, Any]] = []
    for d in docs:
        reading = _as_dict(readings.get(d["id"]))
        pred = list(reading.get("figures") or [])
        gold = d.get("figures", [])
        pairs = match_figures(gold, pred)
        n_gold += len(gold)
        n_pred += len(pred)
        n_match += len(pairs)
        n_span_match += len(match_figures(gold, pred, labels=False))
        for gi, pi in pairs:
            c_ok = _claimant_right(gold[gi].get("claimant"), pred[pi].get("claimant"))
            s_ok = pred[pi].get("stance") == gold[gi]["stance"]
            claimant_ok += c_ok
            stance_ok += s_ok
            both_ok += c_ok and s_ok
        killed, injured = main_totals(reading)
        k_ok, i_ok = _same_value(killed, d.get("killed")), _same_value(injured, d.get("injured"))
        killed_ok += k_ok
        injured_ok += i_ok
        totals_ok += k_ok and i_ok
        matched = {gi for gi, _ in pairs}
        misses += [{"id": d["id"], "missed": gold[gi]["text"], "category": gold[gi]["category"]}
                   for gi in range(len(gold)) if gi not in matched]
    n = len(docs)
    precision, recall = _ratio(n_match, n_pred), _ratio(n_match, n_gold)
    return {
        "articles": n, "gold": n_gold, "predicted": n_pred, "matched": n_match,
        "precision": precision, "recall": recall, "f1": _f1(n_match, n_pred, n_gold),
        "span_precision": _ratio(n_span_match, n_pred), "span_recall": _ratio(n_span_match, n_gold),
        "totals_exact": _ratio(totals_ok, n), "killed_exact": _ratio(killed_ok, n),
        "injured_exact": _ratio(injured_ok, n),
        "claimant": _ratio(claimant_ok, n_match), "stance": _ratio(stance_ok, n_match),
        "claimant_stance": _ratio(both_ok, n_match),
        "misses": misses,
    }


def score_types(docs: Sequence[Mapping[str, Any]], readings: Mapping[str, Any]) -> dict[str, Any]:
    """Per-type, macro and micro event-type scores over per-article type sets."""
    counts: dict[str, list[int]] = {}  # type -> [tp, fp, fn, gold articles]
    for d in docs:
        gold = set(d.get("event_types", []))
        pred = {e.get("type") for e in _as_dict(readings.get(d["id"])).get("events") or []}
        for t in gold | pred:
            c = counts.setdefault(t, [0, 0, 0, 0])
            c[0] += t in gold and t in pred
            c[1] += t in pred and t not in gold
            c[2] += t in gold and t not in pred
            c[3] += t in gold
    per_type = {}
    for t, (tp, fp, fn, support) in sorted(counts.items(), key=lambda kv: str(kv[0])):
        p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        per_type[t] = {"support": support, "tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r,
                       "f1": _f1(tp, tp + fp, tp + fn)}
    gold_types = [t for t, s in per_type.items() if s["support"]]
    macro = round(sum(per_type[t]["f1"] for t in gold_types) / len(gold_types), 4) if gold_types else None
    tp = sum(c[0] for c in counts.values())
    fp = sum(c[1] for c in counts.values())
    fn = sum(c[2] for c in counts.values())
    mp, mr = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    return {"articles": len(docs), "types": per_type, "macro_f1": macro, "gold_types": len(gold_types),
            "micro_precision": mp, "micro_recall": mr,
            "micro_f1": _f1(tp, tp + fp, tp + fn)}


# --- running the extractor ---------------------------------------------------------------------


def _extractor() -> Callable[[Article, Options], Any]:
    try:
        from newsdesk.extract.pipeline import read_article
    except ImportError as exc:
        raise ConfigError(f"the extractor is not available ({exc})",
                          hint="newsdesk.extract.pipeline.read_article(article, options) is needed") from None
    return read_article


def predict(docs: Sequence[Mapping[str, Any]], options: Options,
            read: Callable[[Article, Options], Any] | None = None) -> tuple[dict[str, Any], list[str]]:
    """Run the extractor on each gold text: ``({id: reading dict}, [error messages])``.
    An article that fails is reported and scored as an empty prediction; the rest go on."""
    read = read or _extractor()
    readings: dict[str, Any] = {}
    errors: list[str] = []
    for d in docs:
        article = Article(id=d["id"], text=d["text"], language="en", source=d["set"],
                          origin=f"gold:{d['id']}")
        try:
            readings[d["id"]] = _as_dict(read(article, options))
        except NewsdeskError as exc:
            errors.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug in one article is reported, the scoring goes on
            errors.append(f"article {d['id']}: {type(exc).__name__}: {exc}")
    return readings, errors


def _scored_docs(options: Options, args: Mapping[str, Any]) -> list[dict[str, Any]]:
    docs = gold_documents(args.get("shared"))
    subset = args.get("subset")
    if subset:
        if subset not in (*SPLITS, *SETS, "all"):
            raise ConfigError(f"unknown --set {subset!r}", hint=f"use one of: all, {', '.join((*SPLITS, *SETS))}")
        if subset != "all":
            docs = [d for d in docs if subset in (d["split"], d["set"])]
    if args.get("limit"):
        docs = docs[: int(args["limit"])]
    return docs


def _groups(docs: Sequence[Mapping[str, Any]]) -> list[tuple[str, str, list[Mapping[str, Any]]]]:
    groups = [(split, "all", [d for d in docs if d["split"] == split]) for split in SPLITS]
    groups.append(("all", "all", list(docs)))
    groups += [("all", s, [d for d in docs if d["set"] == s]) for s in SETS]
    return [g for g in groups if g[2]]


FIGURE_COLUMNS = ["split", "set", "articles", "gold", "predicted", "matched", "precision", "recall", "f1",
                  "totals_exact", "killed_exact", "injured_exact", "claimant", "stance", "claimant_stance"]


def run_figures(options: Options, args: Mapping[str, Any]) -> dict[str, Any]:
    """``newsdesk eval figures``: figures, totals, claimant and stance on tune, heldout and all."""
    docs = _scored_docs(options, args)
    readings, errors = predict(docs, options)
    rows = []
    for split, set_name, group in _groups(docs):
        # per-figure misses stay out of the output: engineers tuning rules must not see the gold
        score = score_figures(group, readings)
        rows.append({"split": split, "set": set_name, **{k: v for k, v in score.items() if k != "misses"}})
    checks = {r["split"]: {k: r[k] is not None and r[k] >= floor for k, floor in TARGETS.items()}
              for r in rows if r["set"] == "all"}
    return {"title": "Figures on the gold set (category, value; totals; claimant and stance)",
            "columns": FIGURE_COLUMNS, "rows": rows, "targets": TARGETS, "meets_targets": checks,
            "errors": errors,
            "gold": str(os.environ.get("NEWSDESK_GOLD") or GOLD_PATH)}


TYPE_COLUMNS = ["split", "type", "support", "tp", "fp", "fn", "precision", "recall", "f1"]


def run_types(options: Options, args: Mapping[str, Any]) -> dict[str, Any]:
    """``newsdesk eval types``: event-type F1 per type (all) and macro/micro on tune, heldout, all."""
    docs = _scored_docs(options, args)
    readings, errors = predict(docs, options)
    rows, summary = [], {}
    for split, set_name, group in _groups(docs):
        if set_name != "all":
            continue
        score = score_types(group, readings)
        summary[split] = {k: v for k, v in score.items() if k != "types"}
        if split == "all":
            rows += [{"split": "all", "type": t, **s} for t, s in score["types"].items()]
        rows.append({"split": split, "type": "MACRO (gold types)", "support": score["gold_types"],
                     "f1": score["macro_f1"]})
        rows.append({"split": split, "type": "MICRO (all types)", "precision": score["micro_precision"],
                     "recall": score["micro_recall"], "f1": score["micro_f1"]})
    return {"title": "Event types on the gold set (per-article type sets)", "columns": TYPE_COLUMNS,
            "rows": rows, "summary": summary, "errors": errors}
