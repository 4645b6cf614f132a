"""The ingest benchmark's inputs are what it says they are, and the benchmark runs end to end.

(No speed is asserted here: numbers live in docs/benchmarks.md.)"""

from __future__ import annotations

import json

import pytest

from newsdesk.ingest import read_inputs
from newsdesk.ingest.bench import base_texts, run, synthetic_records, write_jsonl, write_warc
from newsdesk.ingest.canonical import content_hash
from newsdesk.options import Options


def test_replayed_records_are_distinct_real_texts(shared) -> None:
    docs = base_texts(shared)
    assert len(docs) > 1000
    records = list(synthetic_records(3 * len(docs), shared))
    assert len({r["url"] for r in records}) == len(records)
    assert len({content_hash(r["maintext"]) for r in records}) == len(records)  # dedup keeps them all
    # each replay is built from the real text: most of its sentences are verbatim
    first, replay = records[5]["maintext"], records[5 + len(docs)]["maintext"]
    words = docs[5]["text"].split()
    assert " ".join(words[40:60]) in first.replace("\n\n", " ") or " ".join(words[40:60]) in replay.replace("\n\n", " ")


def test_jsonl_and_warc_inputs_read_back(tmp_path, shared) -> None:
    jsonl = tmp_path / "r.jsonl"
    write_jsonl(jsonl, 30, shared)
    recs = [json.loads(line) for line in jsonl.open(encoding="utf-8")]
    arts = list(read_inputs([str(jsonl)], Options()))
    assert len(arts) == 30 and all(a.title == r["title"] for a, r in zip(arts, recs))

    warc = tmp_path / "p.warc.gz"
    assert write_warc(warc, 30, shared) == 30
    pages = [a for a in read_inputs([str(warc)], Options())]
    errors = [p for p in pages if not hasattr(p, "text")]
    assert not errors, errors[:3]
    assert len(pages) == 30
    for page, rec in zip(pages, recs):
        body = rec["maintext"].split("\n\n")[:-1]  # the last paragraph is the outlet's footer
        assert body[0][:80] in page.text and body[-1][-60:] in page.text  # the article text was extracted...
        assert "Most read" not in page.text and "Privacy policy" not in page.text  # ...not the page chrome
        assert page.url == rec["url"]


def test_language_rows_measure_what_they_say(tmp_path, shared) -> None:
    """The 'language given' input carries a language the reader keeps; the 'language
    detected' input has none, so every article goes through py3langid."""
    given, detected = tmp_path / "given.jsonl", tmp_path / "detected.jsonl"
    write_jsonl(given, 20, shared)
    write_jsonl(detected, 20, shared, with_language=False)
    kept = list(read_inputs([str(given)], Options()))
    guessed = list(read_inputs([str(detected)], Options()))
    assert all(a.meta.get("language_from") == "input" and a.language_confidence is None for a in kept)
    assert all("language_from" not in a.meta and a.language_confidence is not None for a in guessed)
    assert sum(a.language == "en" for a in guessed) >= 18


@pytest.mark.slow
def test_bench_runs_end_to_end(shared) -> None:
    result = run(Options(), {"n": 400, "quick": True, "shared": str(shared)})
    assert set(result) >= {"rows", "columns", "title", "note", "machine"}
    assert len(result["rows"]) == 5
    for row in result["rows"]:
        assert row["errors"] == 0 and row["items"] > 0 and row["per_second"] > 0
    rss = [r for r in result["rows"] if r["peak_rss_mb"]]
    assert len(rss) == 2 and all(r["peak_rss_mb"] < 400 for r in rss)
