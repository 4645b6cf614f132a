"""SIGKILL in the middle of a batch, then ingest again: every article exactly once, no half rows.

The input is 12,000 reports replayed from the real texts of ../shared/bench (see
``newsdesk.ingest.bench.synthetic_records``). The test kills the ingest process while it holds
the database's write lock -- that is, inside a batch's transaction -- twice, checks the
file after each kill, then lets a third run finish.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsdesk.ingest.bench import write_jsonl

N = 12_000
BATCH = 600

# a shared or slow CI machine can take minutes for three ingest runs: allow for it
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]


def _start(src: Path, db: Path, log: Path) -> subprocess.Popen:
    code = "import sys; from newsdesk.cli import main; sys.exit(main())"
    # --stages none: this is the store's guarantee; the later stages run after each commit
    return subprocess.Popen([sys.executable, "-c", code, "--db", str(db), "ingest", "-q", "--stages", "none",
                             "--batch-size", str(BATCH), str(src)], stdout=subprocess.DEVNULL, stderr=open(log, "wb"))


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not migrated yet
        return 0
    finally:
        conn.close()


def _kill_inside_a_transaction(proc: subprocess.Popen, db: Path, after: int) -> bool:
    """Wait until ``after`` articles are committed, then SIGKILL the process at a moment it holds
    the write lock (a probe's ``BEGIN IMMEDIATE`` finds the database locked). True if it did."""
    deadline = time.monotonic() + 600
    while _count(db) < after:
        assert proc.poll() is None, "the ingest ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                probe.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:  # locked: the ingest is writing a batch right now
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                return True
            probe.execute("ROLLBACK")
            time.sleep(0.002)
    finally:
        probe.close()
    return False


def _check(db: Path) -> int:
    """The file is sound, the search index matches the rows, and no row is half written."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0] == articles
        incomplete = conn.execute(
            "SELECT count(*) FROM articles WHERE text IS NULL OR text = '' OR title IS NULL OR url IS NULL "
            "OR content_hash IS NULL OR source IS NULL OR published IS NULL OR language IS NULL "
            "OR boilerplate IS NULL OR meta IS NULL").fetchone()[0]
        assert incomplete == 0
        # paragraph counts were written with their articles: every replayed report ends with its
        # outlet's footer, so per source the most common paragraph is in exactly all its articles
        per_source = conn.execute(
            "SELECT s.source, s.n, (SELECT max(count) FROM source_paragraphs p WHERE p.source = s.source) "
            "FROM (SELECT source, count(*) AS n FROM articles GROUP BY source) AS s").fetchall()
        assert per_source and all(n == top for _, n, top in per_source), per_source
        assert conn.execute("SELECT count(*) FROM articles WHERE rowid NOT IN "
                            "(SELECT rowid FROM articles_fts_docsize)").fetchone()[0] == 0
        return articles
    finally:
        conn.close()


def _summary(log: Path) -> dict[str, int]:
    text = log.read_text(encoding="utf-8")
    m = re.search(r"read (\d+), stored (\d+), duplicates (\d+), errors (\d+)", text)
    assert m, text[-2000:]
    return dict(zip(("read", "stored", "duplicates", "errors"), map(int, m.groups())))


def test_sigkill_mid_batch_then_resume(tmp_path: Path, shared: Path) -> None:
    src = tmp_path / "replayed.jsonl"
    write_jsonl(src, N, shared)
    urls = [json.loads(line)["url"] for line in src.open(encoding="utf-8")]
    assert len(set(urls)) == N
    db = tmp_path / "kill.db"

    counts = []
    for k, after in enumerate((BATCH * 2, BATCH * 7)):
        proc = _start(src, db, tmp_path / f"run{k}.log")
        try:
            assert _kill_inside_a_transaction(proc, db, after), "never caught the ingest inside a transaction"
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        assert proc.returncode == -signal.SIGKILL
        stored = _check(db)
        assert stored % BATCH == 0, f"{stored} articles: part of a batch was kept"
        assert after <= stored < N
        counts.append(stored)

    proc = _start(src, db, tmp_path / "final.log")
    try:
        assert proc.wait(timeout=1500) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    final = _summary(tmp_path / "final.log")
    assert final == {"read": N, "stored": N - counts[-1], "duplicates": counts[-1], "errors": 0}
    assert _check(db) == N
    conn = sqlite3.connect(db)
    try:
        stored_urls = [r[0] for r in conn.execute("SELECT url FROM articles")]
        sightings = conn.execute("SELECT count(*), count(DISTINCT article_id) FROM sightings").fetchone()
    finally:
        conn.close()
    assert sorted(stored_urls) == sorted(urls)  # every article exactly once
    # run 2 saw run 1's articles again, run 3 saw run 2's: one sighting per article read again
    assert sightings == (counts[0] + counts[1], counts[1])
