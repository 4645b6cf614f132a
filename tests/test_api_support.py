"""A database for the API, web and injection tests, built from the shared real texts by a real
``newsdesk ingest`` (ingest -> read/extract -> stories -> ledger), and a live server on 127.0.0.1.

Reports: the seed, the first geoparsing (LGL) reports, and the reports of the ECB+ sub-topics
that speak most of casualties (several outlets on one real event, so stories hold several
reports and ledgers several claims). Built once per test session (cached here), then each test
module opens it read-only or copies it.
"""

from __future__ import annotations

import collections
import contextlib
import io
import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newsdesk.options import Options

__all__ = ["ECB_TOPICS", "LGL_REPORTS", "build_db", "live_server", "options_for"]

ECB_TOPICS = 3  # sub-topics of ECB+ taken (those whose reports most often mention casualties)
ECB_PER_TOPIC = 6
LGL_REPORTS = 20
_BUILT: dict[str, Path] = {}


def options_for(db: Path, **serve: Any) -> Options:
    opts = Options().replace("store", db=str(db), batch_size=50)
    if serve:
        opts = opts.replace("serve", **serve)
    return opts


def _records(shared: Path) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    with open(shared / "bench" / "geo_lgl.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            records.append({k: row[k] for k in ("id", "title", "url", "date", "domain", "text") if row.get(k)})
            if len(records) >= LGL_REPORTS:
                break
    with open(shared / "bench" / "ecbplus.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    by_topic: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for row in rows:
        by_topic[row["subtopic"]].append(row)
    casualties = re.compile(r"\b(\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?)\s+"
                            r"(\w+\s+){0,2}(killed|dead|injured|wounded|died)\b", re.IGNORECASE)

    def weight(item: tuple[str, list[dict[str, Any]]]) -> tuple[int, str]:
        return -sum(1 for d in item[1] if casualties.search(d["text"])), item[0]

    start = datetime(2024, 3, 1, 6, 0, tzinfo=UTC)
    for t, (_, docs) in enumerate(sorted(by_topic.items(), key=weight)[:ECB_TOPICS]):
        chosen = sorted(docs, key=lambda d: (not casualties.search(d["text"]), d["doc_id"]))[:ECB_PER_TOPIC]
        for i, doc in enumerate(sorted(chosen, key=lambda d: d["doc_id"])):
            first = doc["text"].split("\n", 1)[0]
            records.append({
                "id": doc["doc_id"], "title": first[:120], "text": doc["text"],
                "source": f"outlet{i + 1}.example", "url": f"https://outlet{i + 1}.example/{doc['doc_id']}",
                "published": (start + timedelta(days=3 * t, minutes=9 * i)).isoformat(), "language": "en"})
    return records


def build_db(shared: Path, folder: Path, *, extra: list[dict[str, Any]] | None = None) -> Path:
    """The test database (built once per session and copied into ``folder``)."""
    key = json.dumps(extra, sort_keys=True) if extra else ""
    if key not in _BUILT:
        from newsdesk.cli import main
        from newsdesk.store import open_store

        work = folder / f"build{len(_BUILT)}"
        work.mkdir(parents=True, exist_ok=True)
        source = work / "reports.jsonl"
        with open(source, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in [*_records(shared), *(extra or [])])
        db = work / "news.db"
        with contextlib.redirect_stdout(io.StringIO()) as out:
            code = main(["--db", str(db), "ingest", str(source)])  # a real `newsdesk ingest`, all stages
        assert code == 0, out.getvalue()[-2000:]
        with open_store(str(db)) as store:
            stats = store.stats()
        assert stats["articles"] == stats["readings"] > 0 and stats["stories"] > 0 and stats["ledgers"] > 0, stats
        _BUILT[key] = db
    target = folder / "news.db"
    if not target.exists():
        shutil.copy(_BUILT[key], target)
    return target


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def live_server(options: Options, *, stages: list[Any] | None = None) -> Iterator[str]:
    """``newsdesk serve`` in a thread on a free loopback port; yields its base URL."""
    import uvicorn

    from newsdesk.api import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(options, stages=stages), host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
