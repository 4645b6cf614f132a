"""``newsdesk ingest | search | articles | export | stats`` in-process and through a pipe."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.cli import build_parser, main


def _records(bench_dir: Path, n: int) -> list[dict]:
    out: list[dict] = []
    with open(bench_dir / "geo_lgl.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("title") and rec.get("url") and all(r["url"] != rec["url"] for r in out):
                out.append({"url": rec["url"], "title": rec["title"], "text": rec["text"],
                            "date_publish": rec["date"], "source_domain": rec["domain"]})
            if len(out) == n:
                break
    return out


@pytest.fixture
def corpus(tmp_path, bench_dir) -> Path:
    path = tmp_path / "lgl.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _records(bench_dir, 12)), encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "cli.db")


def _lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_ingest_prints_what_it_stored_and_a_summary(db, corpus, seed_path, capsys) -> None:
    assert main(["--db", db, "ingest", str(corpus), str(seed_path)]) == 0
    out, err = capsys.readouterr()
    rows = _lines(out)
    assert len(rows) == 13 and {r["status"] for r in rows} == {"new"}
    assert {"id", "title", "source", "published", "language", "url", "origin"} <= set(rows[0])
    assert "read 13, stored 13, duplicates 0, errors 0" in err
    assert main(["--db", db, "ingest", str(corpus)]) == 0
    out, err = capsys.readouterr()
    again = _lines(out)
    assert {r["status"] for r in again} == {"duplicate"} and {r["reason"] for r in again} == {"url"}
    assert "stored 0, duplicates 12" in err


def test_ingest_errors_one_line_each_and_exit_codes(db, corpus, tmp_path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "nope.jsonl"
    # something was read: exit 0
    assert main(["--db", db, "ingest", "--stages", "none", str(corpus), str(empty), str(missing)]) == 0
    err = capsys.readouterr().err
    lines = [x for x in err.splitlines() if x.startswith("newsdesk: ") and "read " not in x]
    assert any(x.startswith(f"newsdesk: {empty}: ") for x in lines)
    assert f"newsdesk: {missing}: no such file or directory" in lines
    assert "errors 2" in err
    assert main(["--db", db, "ingest", "--stages", "none", str(empty), str(missing)]) == 1  # every input failed
    assert main(["--db", db, "ingest", "--stages", "none", "-q", str(corpus)]) == 0
    assert capsys.readouterr().out == ""  # --quiet: no per-article lines


def test_articles_list_show_search(db, corpus, seed_path, capsys) -> None:
    main(["--db", db, "ingest", "--stages", "none", str(corpus), str(seed_path)])
    capsys.readouterr()
    assert main(["--db", db, "articles", "list", "--limit", "5"]) == 0
    out, err = capsys.readouterr()
    listed = _lines(out)
    assert len(listed) == 5 and "--cursor" in err
    stamps = [r["published"] for r in listed if r["published"]]
    cursor = err.split("--cursor ")[1].split()[0]
    assert main(["--db", db, "articles", "list", "--limit", "50", "--cursor", cursor]) == 0
    rest = _lines(capsys.readouterr().out)
    assert len(rest) == 8 and not {r["id"] for r in rest} & {r["id"] for r in listed}
    assert stamps and all(isinstance(s, str) for s in stamps)

    assert main(["--db", db, "articles", "list", "--source", "BNN"]) == 0
    (bnn,) = _lines(capsys.readouterr().out)
    assert main(["--db", db, "articles", "list", "--since", "2023-12-31", "--until", "2024-01-01"]) == 0
    assert [r["id"] for r in _lines(capsys.readouterr().out)] == [bnn["id"]]
    assert main(["--db", db, "articles", "list", "--since", "last tuesday"]) == 1
    assert "not an ISO 8601 date" in capsys.readouterr().err

    assert main(["--db", db, "articles", "show", bnn["id"]]) == 0
    full = json.loads(capsys.readouterr().out)
    assert full["title"].startswith("Escalating Tensions") and full["sightings"] == []
    assert full["boilerplate"] and "Kharkiv" in full["text"]
    assert main(["--db", db, "articles", "show", "no-such-id"]) == 1
    assert "no-such-id: not found" in capsys.readouterr().err

    assert main(["--db", db, "search", "Kharkiv missile", "--limit", "3"]) == 0
    hits = _lines(capsys.readouterr().out)
    assert hits[0]["id"] == bnn["id"] and "[" in hits[0]["snippet"]


def test_export_jsonl_and_csv_parse_back(db, corpus, tmp_path, capsys) -> None:
    main(["--db", db, "ingest", "--stages", "none", str(corpus)])
    capsys.readouterr()
    assert main(["--db", db, "export"]) == 0
    exported = _lines(capsys.readouterr().out)
    assert len(exported) == 12
    from newsdesk.store import open_store

    with open_store(db) as store:
        for rec in exported:
            a = store.get_article(rec["id"])
            assert rec == a.to_dict()
    out = tmp_path / "a.csv"
    assert main(["--db", db, "export", "--format", "csv", "-o", str(out)]) == 0
    assert "exported 12 articles" in capsys.readouterr().err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 12
    by_id = {r["id"]: r for r in exported}
    for row in rows:
        assert row["text"] == by_id[row["id"]]["text"]  # multi-line texts survive CSV quoting
        assert json.loads(row["boilerplate"]) == by_id[row["id"]]["boilerplate"]
        assert row["published"] == (by_id[row["id"]]["published"] or "")
    assert main(["--db", db, "export", "-o", str(tmp_path / "no" / "dir.jsonl")]) == 1


def test_stats_and_check(db, corpus, capsys) -> None:
    main(["--db", db, "ingest", "--stages", "none", str(corpus)])
    capsys.readouterr()
    assert main(["--db", db, "stats", "--check"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 12 and stats["check"]["integrity"] == "ok"
    assert stats["check"]["fts_rows"] == 12 and stats["migrations"]


def test_read_commands_do_not_create_a_database(tmp_path, capsys) -> None:
    missing = tmp_path / "none.db"
    for cmd in (["search", "x"], ["articles", "list"], ["export"], ["stats"]):
        assert main(["--db", str(missing), *cmd]) == 1
        assert "no such database" in capsys.readouterr().err
    assert not missing.exists()


def test_every_command_has_an_example() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name in ("ingest", "search", "articles", "export", "stats"):
        assert "Example: newsdesk " + name in sub.choices[name].format_help()
    articles = sub.choices["articles"]
    asub = next(a for a in articles._actions if a.dest == "articles_command")
    for name in ("list", "show"):
        assert "Example: newsdesk articles " + name in asub.choices[name].format_help()


def _newsdesk(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEWSDESK_DB": str(cwd / "piped.db")}
    return subprocess.run([sys.executable, "-c", "import sys; from newsdesk.cli import main; sys.exit(main())", *args],
                          input=stdin, capture_output=True, cwd=cwd, env=env, timeout=300, check=False)


def test_piped_stdin_to_json_lines(tmp_path, corpus) -> None:
    proc = _newsdesk("ingest", "-", "--format", "jsonl", "--stages", "none", cwd=tmp_path, stdin=corpus.read_bytes())
    assert proc.returncode == 0, proc.stderr
    rows = _lines(proc.stdout.decode())
    assert len(rows) == 12 and all(r["origin"].startswith("<stdin>") for r in rows)
    assert b"\x1b[" not in proc.stdout and b"\x1b[" not in proc.stderr  # no colours or bars in a pipe
    assert b"stored 12" in proc.stderr
    proc = _newsdesk("search", "police", cwd=tmp_path)
    assert proc.returncode == 0 and all("snippet" in h for h in _lines(proc.stdout.decode()))
    proc = _newsdesk("stats", cwd=tmp_path)
    assert json.loads(proc.stdout)["articles"] == 12
