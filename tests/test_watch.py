"""``newsdesk watch`` end to end: loopback feeds into a real SQLite store, repeated polls,
failing feeds, OPML lists, a clean stop, and SIGINT to a running ``newsdesk watch`` process."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from feedserver import FeedServer, LoopbackGuard, build_site, opml_doc, rss_feed, wikinews_items

from newsdesk.options import Options
from newsdesk.store import open_store
from newsdesk.watch import watch

N_ITEMS = 6


@pytest.fixture(scope="module")
def items(bench_dir):
    return wikinews_items(bench_dir, N_ITEMS)


@pytest.fixture()
def site(items):
    with FeedServer() as server, LoopbackGuard() as guard:
        yield server, build_site(server, items, slow_seconds=5.0)
        assert guard.attempts == []


def opts(db: Path, **feeds) -> Options:
    base = {"per_host_delay": 0.0, "timeout": 2.0, "interval": 0.0}
    base.update(feeds)
    return Options().replace("feeds", **base).replace("store", db=str(db))


def stored_titles(store) -> list[str]:
    return sorted(a.title for a in store.iter_articles())


def test_watch_stores_every_item_then_polls_not_modified(site, items, tmp_path):
    server, s = site
    url = server.url(s.rss)
    o = opts(tmp_path / "w.db")
    events = []
    with open_store(o.store.db, o) as store:
        summary = watch([url], store, o, stop=threading.Event(), max_polls=2,
                        on_event=lambda name, payload: events.append((name, payload)))
        assert summary.polls == 2 and summary.not_modified == 1
        assert summary.stored == N_ITEMS and summary.read == N_ITEMS and summary.errors == []
        assert not summary.stopped
        assert stored_titles(store) == sorted(it.title for it in items)
        state = store.feed_state(url)
        assert state["etag"] and state["last_status"] == 304 and state["error"] is None
        assert len(state["seen"]) == N_ITEMS
        assert store.check()["integrity"] == "ok"
    # every page fetched once; the feed twice (the second time answered 304)
    paths = [r.path for r in server.log]
    assert paths.count(s.rss) == 2 and [r.status for r in server.requests_for(s.rss)] == [200, 304]
    assert sorted(p for p in paths if p != s.rss) == sorted(it.path for it in items)
    assert [n for n, _ in events].count("poll") == 2


def test_restarted_watch_uses_stored_state(site, items, tmp_path):
    server, s = site
    url = server.url(s.rss)
    o = opts(tmp_path / "w.db")
    with open_store(o.store.db, o) as store:
        watch([url], store, o, stop=threading.Event(), max_polls=1)
    server.clear_log()
    with open_store(o.store.db, o) as store:
        summary = watch([url], store, o, stop=threading.Event(), max_polls=1)
        assert summary.not_modified == 1 and summary.stored == 0
        assert len(list(store.iter_articles())) == N_ITEMS
    assert [(r.path, r.status) for r in server.log] == [(s.rss, 304)]


def test_changed_feed_only_new_items_fetched_and_store_check_used(site, items, tmp_path):
    server, _ = site
    o = opts(tmp_path / "w.db")
    server.add("/grow.rss", rss_feed(items[:2], server.base), "application/rss+xml", conditional=True)
    with open_store(o.store.db, o) as store:
        watch([server.url("/grow.rss")], store, o, stop=threading.Event(), max_polls=1)
        # a second feed lists the same pages: the store already holds them, so they are not fetched
        server.add("/other.rss", rss_feed(items[:3], server.base, title="Other"), "application/rss+xml")
        server.clear_log()
        summary = watch([server.url("/other.rss")], store, o, stop=threading.Event(), max_polls=1)
    assert summary.stored == 1 and summary.skipped == 2
    assert sorted(r.path for r in server.log) == sorted(["/other.rss", items[2].path])


def test_failing_feeds_are_counted_and_the_others_go_on(site, items, tmp_path):
    server, s = site
    feeds = [server.url(s.faults["404"]), server.url(s.faults["notxml"]), server.url(s.broken_item_feed),
             server.url(s.faults["loop"])]
    o = opts(tmp_path / "w.db")
    errors = []
    with open_store(o.store.db, o) as store:
        summary = watch(feeds, store, o, stop=threading.Event(), max_polls=1,
                        on_event=lambda n, p: errors.append(p) if n == "error" else None)
        assert summary.stored == N_ITEMS - 1
        assert store.feed_state(server.url(s.faults["404"]))["error"] == "HTTP 404 Not Found"
    assert sorted(e.source for e in errors) == sorted([feeds[0], feeds[1], server.url(s.dead_link), feeds[3]])
    assert len(summary.errors) == 4


def test_opml_file_and_opml_url(site, items, tmp_path):
    server, s = site
    opml = tmp_path / "feeds.opml"
    opml.write_bytes(opml_doc([("RSS", server.url(s.rss)), ("dead", server.url(s.faults["500"]))]))
    o = opts(tmp_path / "w.db", follow_links=False)
    with open_store(o.store.db, o) as store:
        summary = watch([str(opml), server.url(s.opml)], store, o, stop=threading.Event(), max_polls=1)
        # the OPML URL names the RSS feed (already watched) and the Atom feed of the same items
        assert summary.feeds == 3
        assert summary.stored == N_ITEMS
        # the Atom items link to the same pages: the store holds them, so they are not read again
        assert summary.skipped == N_ITEMS and summary.duplicates == 0
        assert [src for src, _ in summary.errors] == [server.url(s.faults["500"])]


def test_bad_inputs_without_any_feed_raise(tmp_path):
    from newsdesk.errors import InputError

    o = opts(tmp_path / "w.db")
    with open_store(o.store.db, o) as store, pytest.raises(InputError) as err:
        watch([str(tmp_path / "missing.opml"), "ftp://x.test/feed"], store, o, stop=threading.Event())
    assert "no feed to watch" in str(err.value)


def test_stop_event_ends_watch_after_the_current_item(site, items, tmp_path):
    server, s = site
    o = opts(tmp_path / "w.db", interval=3600.0).replace("store", batch_size=1)
    stop = threading.Event()

    def on_event(name, payload):
        if name == "article":
            stop.set()  # asked to stop while the first item is being stored

    with open_store(o.store.db, o) as store:
        summary = watch([server.url(s.rss), server.url(s.atom)], store, o, stop=stop, on_event=on_event)
        assert summary.stopped and summary.polls == 1
        assert summary.stored == 1 and stored_titles(store) == [items[0].title]
        state = store.feed_state(server.url(s.rss))
        assert state["etag"] is None and len(state["seen"]) == 1  # the next poll reads the rest
        assert store.feed_state(server.url(s.atom)) is None  # never polled
        assert store.check()["integrity"] == "ok"
    assert [r.path for r in server.log] == [s.rss, items[0].path]


# --- the command, in a subprocess ---------------------------------------------------------------


def _watch_cmd(db: Path, *args: str) -> list[str]:
    # --stages none: these tests are about polling, signals and storage, not about reading
    return [sys.executable, "-c", "import sys; from newsdesk.cli import main; sys.exit(main())",
            "--db", str(db), "watch", "--stages", "none", *args]


def test_sigint_stops_watch_cleanly_and_a_rerun_completes(bench_dir, tmp_path):
    many = wikinews_items(bench_dir, 30)
    db = tmp_path / "sig.db"
    config = tmp_path / "newsdesk.toml"
    config.write_text("[store]\nbatch_size = 1\n")  # each article committed as soon as it is read
    with FeedServer() as server:
        site = build_site(server, many)
        url = server.url(site.rss)
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "NEWSDESK_CONFIG": str(config)}
        proc = subprocess.Popen(_watch_cmd(db, url, "--delay", "0.2", "--interval", "3600"),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        try:
            first = proc.stdout.readline()  # the first stored article (JSON line)
            assert json.loads(first)["status"] == "new", first
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        assert proc.returncode == 0, err
        assert "SIGINT received" in err and "stopped True" in err
        lines = [first, *out.splitlines()]
        stored_before = [json.loads(x)["title"] for x in lines if x.strip()]
        assert 1 <= len(stored_before) < len(many)  # stopped in the middle of the feed

        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        titles = [r[0] for r in conn.execute("SELECT title FROM articles")]
        assert sorted(titles) == sorted(stored_before)
        etag = conn.execute("SELECT etag FROM feeds WHERE url = ?", (url,)).fetchone()[0]
        assert etag is None  # the poll was cut short: the next one reads the feed again
        conn.close()

        again = subprocess.run(_watch_cmd(db, url, "--once", "--delay", "0"), check=False, capture_output=True, text=True,
                               timeout=120, env=env)
        assert again.returncode == 0, again.stderr
    conn = sqlite3.connect(db)
    titles = [r[0] for r in conn.execute("SELECT title FROM articles")]
    assert sorted(titles) == sorted(it.title for it in many)  # every report exactly once
    assert conn.execute("SELECT etag FROM feeds WHERE url = ?", (url,)).fetchone()[0]
    conn.close()


def test_watch_help_has_an_example():
    out = subprocess.run([sys.executable, "-c", "import sys; from newsdesk.cli import main; sys.exit(main())",
                          "watch", "--help"], check=False, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "Example: newsdesk watch" in out.stdout


def test_watch_once_prints_one_line_per_fault(bench_dir, tmp_path):
    few = wikinews_items(bench_dir, 3)
    db = tmp_path / "faults.db"
    with FeedServer() as server:
        site = build_site(server, few, slow_seconds=5.0, big_bytes=200 * 1024)
        faults = {name: server.url(path) for name, path in site.faults.items()}
        config = tmp_path / "newsdesk.toml"
        config.write_text("[feeds]\nmax_bytes = 102400\nmax_redirects = 5\n")
        env = {**os.environ, "NEWSDESK_CONFIG": str(config)}
        run = subprocess.run(_watch_cmd(db, server.url(site.rss), *faults.values(), "--once", "--delay", "0",
                                        "--timeout", "0.5", "--quiet"),
                             check=False, capture_output=True, text=True, timeout=120, env=env)
    assert run.returncode == 0, run.stderr
    lines = [x for x in run.stderr.splitlines() if x.startswith("newsdesk: http")]
    expected = {"slow": "timed out after 0.5 s", "404": "HTTP 404 Not Found", "500": "HTTP 500 Internal Server Error",
                "loop": "redirect loop (", "chain": "more than 5 redirects", "notxml": "not a feed (no RSS/Atom XML",
                "big": "response larger than 100 kB", "big_stream": "response larger than 100 kB"}
    assert len(lines) == len(expected), run.stderr
    for name, cause in expected.items():
        mine = [x for x in lines if x.startswith(f"newsdesk: {faults[name]}: ")]
        assert len(mine) == 1 and cause in mine[0], (name, lines)
    assert "errors 8" in run.stderr and "stored 3" in run.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(few)
    conn.close()


def test_opml_url_is_expanded_again_after_a_restart(site, items, tmp_path):
    server, s = site
    o = opts(tmp_path / "w.db", follow_links=False)
    for run in range(2):
        server.clear_log()
        with open_store(o.store.db, o) as store:
            summary = watch([server.url(s.opml)], store, o, stop=threading.Event(), max_polls=1)
        assert summary.feeds == 2, run  # the RSS and the Atom feed it lists
        polled = {r.path for r in server.log}
        assert {s.opml, s.rss, s.atom} <= polled, run
    assert summary.stored == 0 and summary.not_modified == 2  # the second run: both feeds unchanged
