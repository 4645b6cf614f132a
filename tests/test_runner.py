"""The ingest runner: readers + boilerplate + store, in batches, with events and stage hooks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.errors import ExtractError, InputError
from newsdesk.options import Options
from newsdesk.records import Article
from newsdesk.runner import IngestSummary, ingest
from newsdesk.store import open_store


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "r.db"))
    yield s
    s.close()


def _opts(batch_size: int = 200) -> Options:
    return Options().replace("store", batch_size=batch_size)


def _real_records(bench_dir: Path, n: int, *, distinct: bool = False) -> list[dict]:
    """The first ``n`` GeoVirus reports (real Wikinews texts) as news-crawl records
    (``distinct``: only the first report of each URL)."""
    out = []
    with open(bench_dir / "geo_geovirus.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if distinct and any(r["url"] == rec["url"] for r in out):
                continue
            out.append({"url": rec["url"], "title": rec["url"].rsplit("/", 1)[-1].replace("_", " "),
                        "text": rec["text"], "source_domain": "en.wikinews.org", "language": "en"})
            if len(out) == n:
                break
    return out


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_ingest_real_texts_then_again(tmp_path, store, bench_dir, seed_path) -> None:
    records = _real_records(bench_dir, 40)
    urls = len({r["url"] for r in records})  # GeoVirus holds several reports under one Wikinews URL
    assert urls < 40
    src = _write(tmp_path / "wikinews.jsonl", records)
    events: list[str] = []
    first = ingest([str(src), str(seed_path)], store, _opts(16), on_event=lambda name, _: events.append(name))
    assert isinstance(first, IngestSummary)
    assert (first.read, first.stored, first.duplicates, first.errors) == (41, urls + 1, 40 - urls, [])
    assert first.batches == 3 and events.count("batch") == 3 and events.count("article") == 41
    assert events.count("read") == 41 and events.index("read") < events.index("article")
    assert first.elapsed > 0 and first.rate > 0
    seed = next(a for a in store.iter_articles() if a.origin and a.origin.endswith(seed_path.name))
    assert seed.source == "BNN" and seed.published.utcoffset().total_seconds() == -5 * 3600
    assert seed.text[seed.boilerplate[-1].start:].startswith("Founded by visionary entrepreneur")
    again = ingest([str(src), str(seed_path)], store, _opts(16))
    assert (again.read, again.stored, again.duplicates) == (41, 0, 41)
    assert store.stats()["articles"] == urls + 1 and store.stats()["sightings"] == (40 - urls) + 41
    assert store.search("ebola")  # the GeoVirus texts are about outbreaks


def _article(i: int, body: str, source: str = "valley.example") -> dict:
    return {"url": f"https://{source}/story/{i}", "title": f"Story {i}", "source_domain": source,
            "text": f"Story number {i} opens with its own news about the bridge repairs on route {i}.\n\n{body}"}


REPEATED = "The county clerk's office is open from nine to five on weekdays at the old courthouse."


@pytest.mark.parametrize("batch_size", [1, 2, 100])
def test_boilerplate_from_repeats_across_a_source(tmp_path, store, batch_size) -> None:
    records = [_article(i, REPEATED) for i in range(4)] + [_article(9, REPEATED, source="other.example")]
    ingest([str(_write(tmp_path / "a.jsonl", records))], store, _opts(batch_size))
    marked = {}
    for a in store.iter_articles(order="rowid"):
        spans = [a.text[s.start:s.end] for s in a.boilerplate]
        marked[a.url] = REPEATED in spans
    # the first two of the source have no earlier copies; from the third on, two others hold it;
    # the same paragraph at another source counts for nothing; same answer whatever the batch size
    assert marked == {"https://valley.example/story/0": False, "https://valley.example/story/1": False,
                      "https://valley.example/story/2": True, "https://valley.example/story/3": True,
                      "https://other.example/story/9": False}
    from newsdesk.read.boilerplate import paragraph_hash

    assert store.paragraph_counts("valley.example", [paragraph_hash(REPEATED)]) == {paragraph_hash(REPEATED): 4}


def test_duplicates_do_not_count_as_repeats(tmp_path, store) -> None:
    ingest([str(_write(tmp_path / "a.jsonl", [_article(0, REPEATED)]))], store, _opts())
    # two copies of story 0 (same URL) come first in the batch: they are not new articles
    records = [_article(0, REPEATED), {**_article(0, REPEATED), "url": "https://valley.example/mirror"},
               _article(1, REPEATED)]
    summary = ingest([str(_write(tmp_path / "b.jsonl", records))], store, _opts())
    assert (summary.stored, summary.duplicates) == (1, 2)
    story1 = next(a for a in store.iter_articles() if a.url.endswith("/story/1"))
    assert not [s for s in story1.boilerplate if story1.text[s.start:s.end] == REPEATED]


def test_paragraph_counts_come_from_the_stored_copy_of_a_url(tmp_path, store) -> None:
    """Two reports under one URL in one batch (an updated text): the first is stored, and the
    source's paragraph counts are those of its paragraphs, not of the copy that was not kept."""
    from newsdesk.read.boilerplate import paragraph_hash

    first = "Rescuers reached the village on Monday after the river burst its banks overnight."
    update = "Rescuers said on Tuesday that the death toll in the flooded village had risen to nine."
    records = [{"url": "https://valley.example/story/7", "title": "Floods", "text": text,
                "source_domain": "valley.example", "language": "en"} for text in (first, update)]
    summary = ingest([str(_write(tmp_path / "u.jsonl", records))], store, _opts())
    assert (summary.stored, summary.duplicates) == (1, 1)
    assert store.paragraph_counts("valley.example", [paragraph_hash(first), paragraph_hash(update)]) == {
        paragraph_hash(first): 1}


def test_bad_inputs_are_counted_and_the_rest_is_stored(tmp_path, store, bench_dir) -> None:
    good = _real_records(bench_dir, 5, distinct=True)
    lines = [json.dumps(good[0]), "{not json", json.dumps({"title": "no text here"}), json.dumps(good[1]),
             json.dumps(good[2])]
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    summary = ingest([str(mixed), str(binary), str(tmp_path / "missing.jsonl")], store, _opts(2))
    assert summary.read == 3 and summary.stored == 3
    where = [w for w, _ in summary.errors]
    assert f"{mixed}:2" in where and f"{mixed}:3" in where
    assert any(w.endswith("photo.txt") for w in where) and any(w.endswith("missing.jsonl") for w in where)
    assert all(cause for _, cause in summary.errors)


def test_stages_see_only_new_articles_and_their_errors_are_recorded(tmp_path, store, bench_dir) -> None:
    src = _write(tmp_path / "a.jsonl", _real_records(bench_dir, 6, distinct=True))
    calls: list[list[str]] = []

    def stage(articles: list[Article], st, options) -> None:
        calls.append([a.id for a in articles])
        assert all(st.get_article(a.id) is not None for a in articles)  # already committed

    def failing(articles, st, options) -> None:
        raise ExtractError(articles[0].id, "test failure")

    summary = ingest([str(src)], store, _opts(4), stages=[stage, failing])
    assert [len(c) for c in calls] == [4, 2]
    assert summary.stored == 6 and [w for w, _ in summary.errors] == ["stage failing", "stage failing"]
    calls.clear()
    ingest([str(src)], store, _opts(4), stages=[stage])  # all duplicates: nothing new to process
    assert calls == []


def test_interrupt_stores_what_was_read(store) -> None:
    def stream():
        for i in range(3):
            yield Article(id=f"k{i}", text=f"Report {i} about the harbour.", url=f"https://h.example/{i}",
                          content_hash=f"c{i}")
        yield InputError("feed.xml", "timed out")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([], store, _opts(100), articles=stream())
    assert store.stats()["articles"] == 3
