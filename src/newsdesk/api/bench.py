"""``newsdesk bench serve``: latency and throughput of the REST API under load, and the front
page's first contentful paint, with 100,000 articles stored.

The database replays real report texts (LGL, GeoVirus and ECB+ in ``../shared/bench``): a few
hundred of them are read once by the real pipeline (ingest build, read/extract), then copied
with perturbations -- outlet, URL, publication time, title and a closing line that makes each
text distinct (offsets of the reading stay valid) -- into stories of 1-12 reports over 30 days,
each with the ledger of its claims (``ledger.build_ledger``). It is written through the store
API in large batches and kept under ``Options.data_path()/bench`` so that reruns skip it.

The server (``newsdesk serve``, ``workers`` uvicorn processes) runs in a subprocess on
127.0.0.1. A load generator in this process (asyncio on uvloop when installed; one keep-alive
HTTP/1.1 connection per client, a request written and its answer read as bytes, so that the
generator's own CPU stays small next to the server's on a shared machine) keeps 50 requests in
flight, for a fixed number of requests or a time bound, over a mix of ``/stories`` pages
(filters, sorts, cursors) and ``/search`` queries (words drawn from the texts' titles).
Latency is measured at the client; the CPU time of the server (all its processes, from
``/proc``) and of the generator during the load is reported per request.
The first contentful paint of the front page is read from Chromium (Playwright) with
``performance.getEntriesByName('first-contentful-paint')``.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import json
import math
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newsdesk.options import Options
from newsdesk.records import Article, Reading, Story, StoryAssignment
from newsdesk.shared import shared_dir

__all__ = ["BUILD_VERSION", "build_bench_db", "first_contentful_paint", "load_test", "run"]

BUILD_VERSION = 1  # bump when the database the bench builds changes
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_WORD = re.compile(r"[A-Za-z][a-z]{4,}")
_STOP = {"about", "after", "again", "against", "their", "there", "these", "those", "which", "while", "would",
         "could", "should", "other", "where", "being", "under", "since", "until", "before", "first", "still"}


# --- the database -------------------------------------------------------------------------------


def _base_records(shared: Path, limit: int) -> list[dict[str, Any]]:
    """Real reports with their metadata, alternating between the sets, up to ``limit``."""
    sets = []
    for name in ("geo_lgl.jsonl", "ecbplus.jsonl", "geo_geovirus.jsonl"):
        path = shared / "bench" / name
        if path.is_file():
            with path.open(encoding="utf-8") as fh:
                rows = [json.loads(line) for line in fh if line.strip()]
            sets.append([{k: r[k] for k in ("title", "text", "url", "date", "domain") if r.get(k)}
                         for r in rows if len(r.get("text") or "") > 200])
    out: list[dict[str, Any]] = []
    for i in range(max((len(s) for s in sets), default=0)):
        for s in sets:
            if i < len(s) and len(out) < limit:
                out.append(s[i])
    return out


def _read_bases(shared: Path, limit: int, options: Options) -> list[tuple[Article, Reading]]:
    from newsdesk.errors import NewsdeskError
    from newsdesk.extract.pipeline import read_article
    from newsdesk.geo.gazetteer import Gazetteer
    from newsdesk.ingest.jsonl import article_from_record

    gazetteer = Gazetteer.load(options)
    bases = []
    for i, record in enumerate(_base_records(shared, limit)):
        try:
            article = article_from_record(record, origin=f"bench#{i}", options=options)
            bases.append((article, read_article(article, options, gazetteer=gazetteer)))
        except NewsdeskError:
            continue  # a base that cannot be read is left out; the others make the load
    return bases


def _title(article: Article) -> str:
    if article.title:
        return article.title
    first = article.text.strip().split("\n", 1)[0]
    return first[:110]


def build_bench_db(path: Path, n: int, options: Options, *, shared: Path, bases: int = 400,
                   seed: int = 11) -> dict[str, Any]:
    """Write ``n`` articles (with readings, stories and ledgers) into a new store at ``path``."""
    from newsdesk.ledger import build_ledger, claims_from_reading
    from newsdesk.store import open_store

    started = time.perf_counter()
    rng = random.Random(seed)
    base = _read_bases(shared, bases, options)
    read_seconds = time.perf_counter() - started
    if not base:
        raise RuntimeError(f"no base text could be read from {shared / 'bench'}")
    sources = [f"outlet{k:02d}.example" for k in range(60)]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    span = 30 * 86400
    batch_articles: list[Article] = []
    batch_readings: list[Reading] = []
    assignments: list[StoryAssignment] = []
    stories: list[Story] = []
    count, story_no = 0, 0
    with open_store(str(path), options) as store:
        pending_ledgers = []
        while count < n:
            article, reading = base[rng.randrange(len(base))]
            size = min(n - count, 1 + int(rng.paretovariate(1.3)) % 12)
            t0 = start + timedelta(seconds=rng.uniform(0, span))
            breaking = size >= 5 and rng.random() < 0.35
            story_id = f"st_bench{story_no:07d}"
            story_no += 1
            members: list[Article] = []
            for k in range(size):
                idx = count + k
                source = rng.choice(sources)
                published = t0 + timedelta(minutes=rng.uniform(0, 50 if breaking else 36 * 60))
                text = (f"{article.text}\n\nReported by {source} (report {idx}), "
                        f"{published:%d %B %Y %H:%M} UTC.")
                copy = dataclasses.replace(
                    article, id=f"b{idx:07d}", text=text, title=_title(article), source=source,
                    url=f"https://{source}/news/{idx}", published=published, updated=None, fetched=published,
                    content_hash=hashlib.sha1(text.encode()).hexdigest(), origin=f"bench#{idx}")
                members.append(copy)
                batch_readings.append(dataclasses.replace(reading, id=copy.id))
                assignments.append(StoryAssignment(id=copy.id, story=story_id, breaking=breaking))
            count += size
            batch_articles.extend(members)
            times = [m.published for m in members]
            stories.append(Story(
                id=story_id, first_seen=min(times), last_seen=max(times), articles=[m.id for m in members],
                sources=sorted({m.source for m in members}), languages=sorted({m.language or "en" for m in members}),
                places=sorted({p.geonameid for p in reading.places if p.geonameid}), title=_title(article),
                breaking=breaking, breaking_at=min(times) if breaking else None))
            claims = [c for m in members for c in claims_from_reading(m, reading)]
            if claims:
                pending_ledgers.append(build_ledger(story_id, claims, options, now=max(times)))
            if len(batch_articles) >= 5000 or count >= n:
                store.add_articles(batch_articles, paragraphs={a.id: [] for a in batch_articles})
                store.save_readings(batch_readings)
                store.save_assignments(assignments, stories)
                for ledger in pending_ledgers:
                    store.save_ledger(ledger)
                batch_articles, batch_readings, assignments, stories, pending_ledgers = [], [], [], [], []
        stats = store.stats()
    return {"articles": stats["articles"], "stories": stats["stories"], "ledgers": stats["ledgers"],
            "bases": len(base), "read_seconds": round(read_seconds, 1),
            "seconds": round(time.perf_counter() - started, 1), "bytes": stats["bytes"]}


def _cached_db(options: Options, n: int, shared: Path, bases: int) -> tuple[Path, dict[str, Any]]:
    folder = options.data_path() / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"serve-{n}-{bases}-v{BUILD_VERSION}.db"
    marker = path.with_suffix(".json")
    if path.exists() and marker.exists():
        return path, {**json.loads(marker.read_text()), "cached": True}
    for stale in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm")):
        stale.unlink(missing_ok=True)
    info = build_bench_db(path, n, options, shared=shared, bases=bases)
    marker.write_text(json.dumps(info))
    return path, {**info, "cached": False}


# --- the server and the load ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tree_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) used so far by a process and its living descendants (the
    server and its worker processes), from ``/proc``; None where there is no ``/proc``."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total, todo, seen = 0.0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, IndexError, ValueError):
            if p == pid:
                return None
    return total


@dataclasses.dataclass
class _Running:
    url: str
    pid: int

    def cpu_seconds(self) -> float | None:
        return _tree_cpu(self.pid)


@contextlib.contextmanager
def _server(db: Path, workers: int = 1, *, cache: bool = True, serve: dict[str, Any] | None = None
            ) -> Iterator[_Running]:
    """``newsdesk serve`` on a free port of 127.0.0.1 in a subprocess (``cache``: the answer
    cache on, as served by default; off: every request reaches the database; ``serve``: other
    ``[serve]`` settings, given to the server in a config file)."""
    import httpx

    port = _free_port()
    env = {**os.environ, "NEWSDESK_API_KEY": ""}
    config = None
    settings = {**(serve or {}), **({} if cache else {"cache_seconds": 0})}
    if settings:
        with tempfile.NamedTemporaryFile("w", suffix=".toml", prefix="newsdesk-bench-", delete=False) as fh:
            fh.write("[serve]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in settings.items()))
        config = fh.name
        env["NEWSDESK_CONFIG"] = config
    command = [sys.executable, "-c", "import sys; from newsdesk.cli import main; sys.exit(main())",
               "--db", str(db), "serve", "--port", str(port), "--log-level", "warning", "--workers", str(workers)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the server stopped: {proc.stderr.read().decode(errors='replace')[-500:]}")
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start within 60 s")
            time.sleep(0.2)
        yield _Running(url, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if config is not None:
            os.unlink(config)


def _request_mix(db: Path, count: int, seed: int) -> list[tuple[str, str, dict[str, Any]]]:
    """``count`` requests, half /stories (filters, sorts, deep pages by cursor) and half /search."""
    from newsdesk.store import open_store

    rng = random.Random(seed)
    with open_store(str(db)) as store:
        titles = [s.title or "" for s in store.list_stories(limit=2000)]
        countries = [r[0] for r in store._read(  # type: ignore[attr-defined]
            "SELECT country FROM reading_places WHERE country IS NOT NULL GROUP BY country ORDER BY count(*) DESC "
            "LIMIT 20")]
        kinds = [r[0] for r in store._read(  # type: ignore[attr-defined]
            "SELECT type FROM reading_events GROUP BY type ORDER BY count(*) DESC LIMIT 8")]
    words = [w.lower() for t in titles for w in _WORD.findall(t) if w.lower() not in _STOP]
    requests: list[tuple[str, str, dict[str, Any]]] = []
    for i in range(count):
        if i % 2:
            q = rng.choice(words) if rng.random() < 0.7 else f"{rng.choice(words)} {rng.choice(words)}"
            requests.append(("search", "/search", {"q": q, "limit": 20}))
            continue
        params: dict[str, Any] = {"limit": 20}
        pick = rng.random()
        if pick < 0.3:
            pass  # the front page's list
        elif pick < 0.45:
            params["breaking"] = "true"
        elif pick < 0.6 and countries:
            params["country"] = rng.choice(countries)
        elif pick < 0.7 and kinds:
            params["event_type"] = rng.choice(kinds)
        elif pick < 0.8:
            params["sort"] = rng.choice(["first_seen", "reports"])
        elif pick < 0.9:
            params["since"] = f"2026-01-{rng.randint(1, 28):02d}"
        else:
            params["page"] = rng.randint(2, 20)  # deep page: follow cursors first (done at run time)
        requests.append(("stories", "/stories", params))
    return requests


class _Connection:
    """One keep-alive HTTP/1.1 connection on loopback: a GET costs a write and two reads, so the
    load generator's own CPU time (httpx spends several ms per request) does not cap the load."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> tuple[int, dict[str, str], bytes]:
        if self.writer is None or self.writer.is_closing():
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\nAccept: application/json\r\n\r\n"
                          .encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip()
        if "content-length" not in headers:
            raise RuntimeError(f"no Content-Length in the answer to {target}")
        body = await self.reader.readexactly(int(headers["content-length"]))
        if headers.get("connection", "").lower() == "close":
            self.writer.close()
        return status, headers, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def _load(url: str, requests: list[tuple[str, str, dict[str, Any]]], concurrency: int,
                time_bound: float) -> dict[str, Any]:
    from urllib.parse import urlencode, urlsplit

    where = urlsplit(url)
    queue: asyncio.Queue = asyncio.Queue()
    for r in requests:
        queue.put_nowait(r)
    latencies: dict[str, list[float]] = {"stories": [], "search": []}
    server: dict[str, list[float]] = {"stories": [], "search": []}
    hits: dict[str, int] = {"stories": 0, "search": 0}
    failures: list[str] = []
    cursors: list[str] = []
    deadline = time.perf_counter() + time_bound
    connections = [_Connection(where.hostname or "127.0.0.1", where.port or 80) for _ in range(concurrency)]

    async def worker(conn: _Connection) -> None:
        while time.perf_counter() < deadline:
            try:
                kind, path, params = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            params = dict(params)
            if params.pop("page", None) is not None and cursors:
                params["cursor"] = random.choice(cursors)
            target = path + ("?" + urlencode(params) if params else "")
            t = time.perf_counter()
            try:
                status, headers, body = await asyncio.wait_for(conn.get(target), 30)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, RuntimeError) as exc:
                failures.append(f"{type(exc).__name__} {target}")
                conn.close()
                conn.writer = None
                continue
            elapsed = time.perf_counter() - t
            if status != 200:
                failures.append(f"{status} {target}")
                continue
            if kind == "stories" and len(cursors) < 500:
                nxt = json.loads(body).get("next_cursor")
                if nxt:
                    cursors.append(nxt)
            latencies[kind].append(elapsed)
            timing = headers.get("server-timing", "")
            if "dur=" in timing:
                server[kind].append(float(timing.split("dur=", 1)[1].split(",")[0]) / 1000)
            hits[kind] += headers.get("x-cache") == "hit"

    started = time.perf_counter()
    try:
        await asyncio.gather(*(worker(c) for c in connections))
    finally:
        for c in connections:
            c.close()
    wall = time.perf_counter() - started
    return {"latencies": latencies, "server": server, "hits": hits, "failures": failures, "wall": wall}


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)  # nearest rank
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def _run_async(coro: Any) -> Any:
    """Run the load on uvloop when it is installed (less of the shared CPU for the generator)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(coro)


def load_test(url: str, db: Path, *, requests: int, concurrency: int, time_bound: float,
              seed: int = 5, server: _Running | None = None) -> dict[str, Any]:
    """The load after a warm-up of 200 other requests; with ``server``, also the CPU seconds
    the server (all its processes) and this load generator used during the load."""
    mix = _request_mix(db, requests, seed)
    warm = _request_mix(db, min(200, requests), seed + 1)
    _run_async(_load(url, warm, concurrency, 30))
    server_cpu = server.cpu_seconds() if server else None
    own_cpu = time.process_time()
    result = _run_async(_load(url, mix, concurrency, time_bound))
    result["generator_cpu"] = time.process_time() - own_cpu
    after = server.cpu_seconds() if server else None
    result["server_cpu"] = after - server_cpu if after is not None and server_cpu is not None else None
    return result


def first_contentful_paint(url: str, runs: int = 5) -> dict[str, Any]:
    """FCP and time to the first story card, for a cold load (new profile) and warm reloads (ms)."""
    from playwright.sync_api import sync_playwright

    fcp, cards = [], []
    with tempfile.TemporaryDirectory(prefix="newsdesk-fcp-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                       args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            for _ in range(runs):
                page.goto(url + "/", wait_until="load")
                page.wait_for_selector("#latest article.card")
                shown = page.evaluate("() => performance.now()")
                page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0")
                fcp.append(page.evaluate(
                    "() => performance.getEntriesByName('first-contentful-paint')[0].startTime"))
                cards.append(shown)
        finally:
            context.close()
    return {"fcp_ms": fcp, "cards_ms": cards}


# --- the benchmark ------------------------------------------------------------------------------------


def run(options: Options, args: dict[str, Any]) -> dict[str, Any]:
    """``args``: ``n`` (articles, default 100,000; 5,000 with ``quick``), ``quick``, ``shared``,
    ``workers`` (server processes; default ``$NEWSDESK_BENCH_SERVE_WORKERS`` or 1), ``cache``
    (default ``$NEWSDESK_BENCH_SERVE_CACHE``, on; ``0``: every request reaches the database),
    ``search_window`` (``serve.search_window``; default ``$NEWSDESK_BENCH_SERVE_SEARCH_WINDOW``,
    else the option's default)."""
    from newsdesk.ingest.bench import machine

    quick = bool(args.get("quick"))
    n = int(args.get("n") or (5000 if quick else 100_000))
    shared = shared_dir(args.get("shared"))
    concurrency = 50
    requests = 1000 if quick else 6000
    time_bound = 30.0 if quick else 120.0
    started = time.perf_counter()
    db, built = _cached_db(options, n, shared, 100 if quick else 400)
    workers = int(args.get("workers") or os.environ.get("NEWSDESK_BENCH_SERVE_WORKERS") or 1)
    cache = str(args.get("cache", os.environ.get("NEWSDESK_BENCH_SERVE_CACHE", "1"))).lower() not in ("0", "off", "false")
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    window = args.get("search_window") or os.environ.get("NEWSDESK_BENCH_SERVE_SEARCH_WINDOW")
    serve = {"search_window": int(window)} if window else {}
    with _server(db, workers, cache=cache, serve=serve) as server:
        url = server.url
        load = load_test(url, db, requests=requests, concurrency=concurrency, time_bound=time_bound, server=server)
        load_after = os.getloadavg() if hasattr(os, "getloadavg") else None
        single = _run_async(_load(url, _request_mix(db, 100 if quick else 400, 9), 1, time_bound / 2))
        paint = first_contentful_paint(url) if Path(CHROMIUM).exists() else {"fcp_ms": [], "cards_ms": []}
    rows = []
    for kind in ("stories", "search"):
        lat = [x * 1000 for x in load["latencies"][kind]]
        own = [x * 1000 for x in load["server"][kind]]
        rows.append({"bench": f"/{kind}", "requests": len(lat), "concurrency": concurrency,
                     "server_p50_ms": round(_pct(own, 50), 2), "server_p95_ms": round(_pct(own, 95), 2),
                     "cache_hits": f"{100 * load['hits'][kind] / max(1, len(lat)):.0f}%",
                     "p50_ms": round(_pct(lat, 50), 1), "p95_ms": round(_pct(lat, 95), 1),
                     "p99_ms": round(_pct(lat, 99), 1), "max_ms": round(max(lat, default=float("nan")), 1),
                     "per_second": round(len(lat) / load["wall"], 1), "target": "p95 < 50 ms",
                     "met": _pct(lat, 95) < 50})
    for kind in ("stories", "search"):
        lat = [x * 1000 for x in single["latencies"][kind]]
        own = [x * 1000 for x in single["server"][kind]]
        rows.append({"bench": f"/{kind} (one client)", "requests": len(lat), "concurrency": 1,
                     "p50_ms": round(_pct(lat, 50), 1), "p95_ms": round(_pct(lat, 95), 1),
                     "p99_ms": round(_pct(lat, 99), 1), "max_ms": round(max(lat, default=float("nan")), 1),
                     "per_second": round(len(lat) / single["wall"], 1), "server_p50_ms": round(_pct(own, 50), 2),
                     "server_p95_ms": round(_pct(own, 95), 2),
                     "cache_hits": f"{100 * single['hits'][kind] / max(1, len(lat)):.0f}%", "target": "", "met": None})
    total = sum(len(v) for v in load["latencies"].values())
    rows.append({"bench": "both", "requests": total, "concurrency": concurrency,
                 "p50_ms": round(_pct([x * 1000 for v in load["latencies"].values() for x in v], 50), 1),
                 "p95_ms": round(_pct([x * 1000 for v in load["latencies"].values() for x in v], 95), 1),
                 "p99_ms": round(_pct([x * 1000 for v in load["latencies"].values() for x in v], 99), 1),
                 "per_second": round(total / load["wall"], 1), "target": "", "met": None,
                 "server_cpu_ms": round(1000 * load["server_cpu"] / max(1, total), 2) if load["server_cpu"] else None,
                 "generator_cpu_ms": round(1000 * load["generator_cpu"] / max(1, total), 2)})
    if paint["fcp_ms"]:
        rows.append({"bench": "front page FCP (cold)", "p50_ms": round(paint["fcp_ms"][0], 1),
                     "target": "< 1000 ms", "met": paint["fcp_ms"][0] < 1000})
        rows.append({"bench": f"front page FCP (warm, median of {len(paint['fcp_ms']) - 1})",
                     "p50_ms": round(statistics.median(paint["fcp_ms"][1:] or paint["fcp_ms"]), 1),
                     "target": "< 1000 ms", "met": statistics.median(paint["fcp_ms"]) < 1000})
        rows.append({"bench": "front page: first story card (cold)", "p50_ms": round(paint["cards_ms"][0], 1),
                     "target": "", "met": None})
    columns = ["bench", "requests", "concurrency", "p50_ms", "p95_ms", "p99_ms", "max_ms", "per_second",
               "server_p50_ms", "server_p95_ms", "cache_hits", "server_cpu_ms", "generator_cpu_ms", "target", "met"]
    cpu = {"server_seconds": load["server_cpu"], "generator_seconds": round(load["generator_cpu"], 2),
           "wall_seconds": round(load["wall"], 2), "cores": os.cpu_count(),
           "server_cores_used": round(load["server_cpu"] / load["wall"], 2) if load["server_cpu"] else None,
           "generator_cores_used": round(load["generator_cpu"] / load["wall"], 2),
           "loadavg_before": load_before, "loadavg_after": load_after}
    return {
        "title": f"newsdesk serve: {n:,} articles, {concurrency} concurrent clients on loopback",
        "columns": columns, "rows": rows, "database": {**built, "path": str(db)},
        "failures": load["failures"][:20], "failed": len(load["failures"]),
        "workers": workers, "cache": cache, "serve": serve, "cpu": cpu,
        "note": (f"{workers} uvicorn process(es), answer cache {'on' if cache else 'off'}; the load generator "
                 "(asyncio on uvloop, 50 keep-alive connections, raw HTTP/1.1) runs on the same machine and measures "
                 "latency at the client; requests: half /stories (first pages, breaking, country, event type, "
                 "sorts, since, deep cursor pages), half /search (one or two words from story titles); "
                 "server_cpu_ms / generator_cpu_ms: CPU time per request of the server (all its processes, "
                 "from /proc) and of the generator during the load"),
        "machine": machine(), "elapsed": round(time.perf_counter() - started, 1),
    }
