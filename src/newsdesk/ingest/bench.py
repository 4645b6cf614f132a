"""``newsdesk bench ingest``: ingest throughput and memory, on replayed real texts.

Three measurements, each through the real runner (:func:`newsdesk.runner.ingest`) into a
fresh SQLite file with FTS5:

* **jsonl**: news-crawl style JSONL records into SQLite, articles/s. The records are the real
  texts of ``../shared/bench`` (LGL, GeoVirus, MUC-4 dev) replayed with perturbations (a
  sentence dropped or two swapped, a dateline, another outlet with its own footer, another
  URL) until there are N distinct reports.
* **warc**: a WARC.gz of HTML pages (the same texts wrapped in realistic news-page HTML,
  written with warcio) through extraction (trafilatura) into SQLite, pages/s.
* **rss**: peak resident memory of a process streaming a WARC.gz, for two sizes, to show
  memory stays flat as the file grows (sampled from ``/proc/self/status`` after each batch).

Everything is generated in a temporary folder (never in the repository) and removed after.
Set ``NEWSDESK_BENCH_RSS_MB`` to also stream a WARC of about that many megabytes (1024 for
the documented 1 GB run; it takes a while).
"""

from __future__ import annotations

import base64
import gzip
import html
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from newsdesk.errors import ConfigError
from newsdesk.options import Options
from newsdesk.shared import shared_dir

__all__ = [
    "INCLUDED",
    "base_texts",
    "bench_jsonl",
    "bench_rss",
    "bench_warc",
    "html_page",
    "run",
    "synthetic_records",
    "write_jsonl",
    "write_warc",
]

_OUTLETS = [
    "dailyherald.example", "morningpost.example", "citywire.example", "valleynews.example", "globaldesk.example",
    "northstar-times.example", "coastalgazette.example", "theledger.example", "capitalreport.example",
    "frontierpress.example", "riverside-journal.example", "metrochronicle.example", "eveningstar.example",
    "worldbrief.example", "harbourdispatch.example", "prairiesun.example", "summitobserver.example",
    "lakeside-tribune.example", "newsline24.example", "pressroom-intl.example",
]
# What every row measures, printed with the results (and quoted in docs/benchmarks.md).
INCLUDED = (
    "Each row is the whole `newsdesk ingest --stages none` path in one process: reading the file, "
    "parsing each record (JSON, or WARC + trafilatura), building the article (canonical URL, text "
    "normalisation, content hash, dates, footer and layout spans; language detection only when the "
    "record gives no language: the 'language given' row skips it, the 'language detected' row "
    "includes it), per-source boilerplate from the stored paragraph counts, the duplicate lookup, and "
    "the SQLite transaction per batch (row, FTS5 entry, paragraph counts, commit). per_cpu_second is "
    "items per CPU-second of the process (time.process_time), the 'one core' rate on a shared machine."
)
_CITIES = ["KYIV", "LONDON", "NAIROBI", "MANILA", "BOGOTA", "BEIRUT", "DELHI", "LAGOS", "JAKARTA", "LIMA",
           "CAIRO", "DENVER", "MOSCOW", "KHARKIV", "SAN SALVADOR", "GUATEMALA CITY"]
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def _footer(outlet: str) -> str:
    name = outlet.split(".")[0].replace("-", " ").title()
    return (f"© {name} {2020 + len(outlet) % 5}. All rights reserved. {name} brings readers independent "
            f"reporting from its newsroom; subscribe to our newsletter for the day's top stories.")


def base_texts(shared: Path | None = None) -> list[dict[str, Any]]:
    """The real news texts of the shared sets: ``{"title", "text", "url", "date"}``, in file order."""
    folder = shared_dir(shared) / "bench"
    docs: list[dict[str, Any]] = []
    for name, text_key in (("geo_lgl.jsonl", "text"), ("geo_geovirus.jsonl", "text"), ("muc4_dev.jsonl", "doctext")):
        path = folder / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                text = " ".join((rec.get(text_key) or "").split())
                if len(text) >= 200:
                    docs.append({"title": rec.get("title"), "text": text, "url": rec.get("url"),
                                 "date": rec.get("date")})
    if not docs:
        raise ConfigError(f"{folder}: no benchmark texts found", hint="pass --shared PATH to the shared folder")
    return docs


def _paragraphs(text: str, rng: random.Random) -> list[str]:
    sentences = _SENT.split(text)
    out, cur = [], []
    for s in sentences:
        cur.append(s)
        if len(cur) >= rng.randint(2, 4):
            out.append(" ".join(cur))
            cur = []
    if cur:
        out.append(" ".join(cur))
    return out


def synthetic_records(n: int, shared: Path | None = None, seed: int = 0) -> Iterator[dict[str, Any]]:
    """``n`` distinct news-crawl records replayed from :func:`base_texts` with perturbations."""
    docs = base_texts(shared)
    rng = random.Random(seed)
    t0 = datetime(2023, 12, 31, 5, 32, tzinfo=timezone(timedelta(hours=-5)))
    for i in range(n):
        doc = docs[i % len(docs)]
        replay = i // len(docs)
        paras = _paragraphs(doc["text"], rng)
        if replay:
            sentences = [s for p in paras for s in _SENT.split(p)]
            if len(sentences) > 3:
                k = rng.randrange(1, len(sentences) - 1)
                if rng.random() < 0.5:
                    del sentences[k]
                else:
                    sentences[k], sentences[k + 1] = sentences[k + 1], sentences[k]
            paras = _paragraphs(" ".join(sentences), rng)
        when = t0 + timedelta(minutes=7 * i)
        outlet = _OUTLETS[(i * 7 + replay) % len(_OUTLETS)]
        dateline = f"{rng.choice(_CITIES)}, {when:%b} {when.day} ({outlet.split('.')[0].title()}) -"
        paras[0] = f"{dateline} {paras[0]}"
        title = doc["title"] or (paras[0].split(". ")[0][:90])
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "story"
        yield {
            "url": f"https://www.{outlet}/{when:%Y/%m/%d}/{slug}-{i}",
            "title": title,
            "maintext": "\n\n".join([*paras, _footer(outlet)]),
            "date_publish": when.isoformat(),
            "language": "en",
            "source_domain": outlet,
            "authors": [rng.choice(["Staff", "Ana Ruiz", "J. Okafor", "Wire reporters", "M. Petrenko"])],
        }


def write_jsonl(path: Path, n: int, shared: Path | None = None, *, with_language: bool = True) -> int:
    """Write ``n`` synthetic records to ``path`` (``.gz`` compresses); returns bytes written."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as fh:
        for rec in synthetic_records(n, shared):
            if not with_language:
                rec.pop("language")
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path.stat().st_size


def html_page(rec: dict[str, Any], rng: random.Random, pad_bytes: int = 0) -> str:
    """A news page around ``rec``: head metadata, JSON-LD, navigation, article, aside, footer, scripts.

    ``pad_bytes`` of random base64 in an inline state script make pages as heavy as real ones."""
    e = html.escape
    outlet = rec["source_domain"]
    name = outlet.split(".")[0].replace("-", " ").title()
    paras = rec["maintext"].split("\n\n")
    body, footer = paras[:-1], paras[-1]
    nav = "".join(f'<li><a href="/{s.lower()}/">{s}</a></li>' for s in
                  ("World", "Politics", "Business", "Tech", "Science", "Health", "Sport", "Culture", "Opinion"))
    related = "".join(f'<li><a href="/2023/12/{rng.randrange(10**6)}">{e(t)}</a></li>' for t in
                      ("Markets close higher", "Storm warning for the coast", "Council approves budget",
                       "Five things to watch this week"))
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": rec["title"],
                     "datePublished": rec["date_publish"], "author": [{"@type": "Person", "name": rec["authors"][0]}],
                     "publisher": {"@type": "Organization", "name": name}})
    pad = base64.b64encode(rng.randbytes(pad_bytes * 3 // 4)).decode() if pad_bytes else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(rec["title"])} | {name}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{e(body[0][:160])}">
<meta name="author" content="{e(rec["authors"][0])}">
<meta property="og:title" content="{e(rec["title"])}"><meta property="og:site_name" content="{name}">
<meta property="og:type" content="article"><meta property="og:url" content="{e(rec["url"])}">
<meta property="article:published_time" content="{rec["date_publish"]}">
<link rel="canonical" href="{e(rec["url"])}"><link rel="stylesheet" href="/static/site.css">
<script type="application/ld+json">{ld}</script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('js',new Date());</script>
</head><body class="article-page">
<header class="site-header"><a class="logo" href="/">{name}</a><nav><ul>{nav}</ul></nav>
<form class="search" action="/search"><input name="q" placeholder="Search"></form></header>
<div class="ad-slot" id="ad-top">Advertisement</div>
<main><article class="story">
<h1 class="headline">{e(rec["title"])}</h1>
<div class="byline">By <span class="author">{e(rec["authors"][0])}</span>
<time datetime="{rec["date_publish"]}">{rec["date_publish"][:10]}</time></div>
<div class="story-body">
{"".join(f"<p>{e(p)}</p>" for p in body)}
</div>
<p class="footer-note">{e(footer)}</p>
</article>
<aside class="related"><h2>Most read</h2><ul>{related}</ul></aside></main>
<footer class="site-footer"><ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy policy</a></li>
<li><a href="/terms">Terms of use</a></li><li><a href="/contact">Contact us</a></li></ul>
<p>© {name}. All rights reserved.</p></footer>
<script>window.__STATE__="{pad}";</script>
<script src="/static/app.js" async></script>
</body></html>"""


def write_warc(path: Path, n: int, shared: Path | None = None, *, pad_bytes: int = 6000,
               target_bytes: int | None = None) -> int:
    """Write a WARC.gz of ``n`` HTML response records (or until ``target_bytes``); returns pages written."""
    try:
        from warcio.statusandheaders import StatusAndHeaders
        from warcio.warcwriter import WARCWriter
    except ImportError:
        raise ConfigError("the WARC benchmarks need warcio", hint="pip install warcio (in the test extra)") from None
    rng = random.Random(1)
    pages = 0
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        info = writer.create_warcinfo_record(path.name, {"software": "newsdesk bench", "format": "WARC/1.0"})
        writer.write_record(info)
        count = n if target_bytes is None else 10**9
        for rec in synthetic_records(count, shared):
            body = html_page(rec, rng, pad_bytes).encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            record = writer.create_warc_record(rec["url"], "response", payload=io.BytesIO(body),
                                               http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2023-12-31T10:40:00Z"})
            writer.write_record(record)
            pages += 1
            if target_bytes is not None and pages % 200 == 0 and fh.tell() >= target_bytes:
                break
    return pages


def _ingest_file(path: Path, db: Path, options: Options) -> dict[str, Any]:
    from newsdesk.runner import ingest
    from newsdesk.store import open_store

    with open_store(str(db), options) as store:
        cpu = time.process_time()
        summary = ingest([str(path)], store, options)
        cpu = time.process_time() - cpu
        check = store.check()
    if check["integrity"] != "ok" or check["articles"] != check["fts_rows"]:
        raise RuntimeError(f"benchmark database is inconsistent: {check}")
    return {"summary": summary, "cpu": cpu, "db_bytes": db.stat().st_size + _size(Path(str(db) + "-wal"))}


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def bench_jsonl(options: Options, n: int, work: Path, shared: Path | None = None, *,
                with_language: bool = True) -> dict[str, Any]:
    src = work / f"replayed_{n}_{int(with_language)}.jsonl"
    write_jsonl(src, n, shared, with_language=with_language)
    db = work / f"jsonl_{n}_{int(with_language)}.db"
    out = _ingest_file(src, db, options)
    s = out["summary"]
    what = "JSONL into SQLite+FTS5 " + ("(language given)" if with_language else "(language detected by py3langid)")
    return {"bench": what, "items": s.read, "stored": s.stored, "errors": len(s.errors), "seconds": round(s.elapsed, 2),
            "per_second": round(s.rate), "per_cpu_second": round(s.read / out["cpu"]) if out["cpu"] else None,
            "target": ">= 2000/s", "input_mb": round(src.stat().st_size / 2**20, 1),
            "db_mb": round(out["db_bytes"] / 2**20, 1), "peak_rss_mb": None}


def bench_warc(options: Options, n: int, work: Path, shared: Path | None = None) -> dict[str, Any]:
    src = work / f"pages_{n}.warc.gz"
    write_warc(src, n, shared)
    db = work / f"warc_{n}.db"
    out = _ingest_file(src, db, options)
    s = out["summary"]
    return {"bench": "WARC.gz HTML -> trafilatura -> SQLite", "items": s.read, "stored": s.stored,
            "errors": len(s.errors), "seconds": round(s.elapsed, 2), "per_second": round(s.rate),
            "per_cpu_second": round(s.read / out["cpu"]) if out["cpu"] else None, "target": ">= 150/s", "input_mb": round(src.stat().st_size / 2**20, 1),
            "db_mb": round(out["db_bytes"] / 2**20, 1), "peak_rss_mb": None}


_CHILD = """
import json, sys
from newsdesk.ingest.bench import _rss_child
print(json.dumps(_rss_child(sys.argv[1], sys.argv[2])))
"""


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _rss_child(warc: str, db: str) -> dict[str, Any]:
    """Run in a fresh process: stream ``warc`` into ``db``, sampling resident memory per batch."""
    from newsdesk.options import load_options
    from newsdesk.runner import ingest
    from newsdesk.store import open_store

    options = load_options()
    samples: list[tuple[int, int]] = []
    baseline = _status_kb("VmRSS")

    def on_event(name: str, payload: Any) -> None:
        if name == "batch":
            samples.append((payload.read, _status_kb("VmRSS")))

    with open_store(db, options) as store:
        cpu = time.process_time()
        summary = ingest([warc], store, options, on_event=on_event)
        cpu = time.process_time() - cpu
    return {"read": summary.read, "errors": len(summary.errors), "seconds": summary.elapsed, "cpu": cpu,
            "rate": summary.rate, "peak_kb": _status_kb("VmHWM"), "start_kb": baseline, "samples": samples}


def bench_rss(options: Options, pages: int, work: Path, shared: Path | None = None, *,
              target_bytes: int | None = None, pad_bytes: int = 30000) -> dict[str, Any]:
    """Peak RSS of a separate process streaming a WARC.gz of ``pages`` heavy pages (or ``target_bytes``)."""
    src = work / f"rss_{pages}_{target_bytes or 0}.warc.gz"
    written = write_warc(src, pages, shared, pad_bytes=pad_bytes, target_bytes=target_bytes)
    db = work / f"rss_{pages}_{target_bytes or 0}.db"
    env = {**os.environ}
    if options.data_dir:
        env["NEWSDESK_DATA"] = options.data_dir
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(src), str(db)], capture_output=True, text=True,
                          env=env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"RSS benchmark child failed: {proc.stderr.strip()[-2000:]}")
    child = json.loads(proc.stdout.strip().splitlines()[-1])
    samples = child["samples"]
    mid = [kb for read, kb in samples if read >= child["read"] // 2] or [child["peak_kb"]]
    size_mb = src.stat().st_size / 2**20
    src.unlink()
    return {"bench": f"stream a {size_mb:,.0f} MB WARC.gz (peak RSS)", "items": child["read"], "stored": written,
            "errors": child["errors"], "seconds": round(child["seconds"], 1), "per_second": round(child["rate"]),
            "per_cpu_second": round(child["read"] / child["cpu"]) if child["cpu"] else None,
            "target": "< 400 MB for 1 GB", "input_mb": round(size_mb, 1), "db_mb": round(_size(db) / 2**20, 1),
            "peak_rss_mb": round(child["peak_kb"] / 1024), "rss_half_mb": round(mid[0] / 1024),
            "rss_end_mb": round(samples[-1][1] / 1024) if samples else None}


def run(options: Options, args: dict[str, Any]) -> dict[str, Any]:
    """All ingest benchmarks; ``args``: ``n`` (JSONL articles, default 20,000), ``quick``, ``shared``."""
    quick = bool(args.get("quick"))
    n = int(args.get("n") or (2000 if quick else 20000))
    pages = max(100, n // 10)
    shared = args.get("shared")
    rows = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmp:
        work = Path(tmp)
        rows.append(bench_jsonl(options, n, work, shared))
        rows.append(bench_jsonl(options, max(1000, n // 4), work, shared, with_language=False))
        rows.append(bench_warc(options, pages, work, shared))
        small, large = (100, 400) if quick else (500, 2500)
        rows.append(bench_rss(options, small, work, shared))
        rows.append(bench_rss(options, large, work, shared))
        big_mb = int(os.environ.get("NEWSDESK_BENCH_RSS_MB", "0") or 0)
        if big_mb and not quick:
            rows.append(bench_rss(options, 0, work, shared, target_bytes=big_mb * 2**20))
    columns = ["bench", "items", "seconds", "per_second", "per_cpu_second", "target", "input_mb", "db_mb",
               "peak_rss_mb"]
    return {
        "title": "newsdesk ingest benchmark (one process, one core)",
        "columns": columns,
        "rows": rows,
        "note": (f"Inputs are the real texts of {shared_dir(shared) / 'bench'} (LGL, GeoVirus, MUC-4 dev) replayed "
                 "with perturbations (sentence dropped or swapped, dateline, outlet and footer, URL) to reach N "
                 "distinct reports; WARC pages wrap them in generated news-page HTML. " + INCLUDED),
        "machine": machine(),
        "elapsed": round(time.perf_counter() - started, 1),
    }


def machine() -> dict[str, Any]:
    """CPU model, cores, Python and SQLite versions, date: the header of docs/benchmarks.md."""
    import platform
    import sqlite3

    model = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": model, "cores": os.cpu_count(), "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "date": datetime.now(UTC).strftime("%Y-%m-%d")}
