"""JSON and JSONL records: field names of news crawls, real texts from ../shared/bench."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.errors import FormatError, InputError
from newsdesk.ingest import read_inputs
from newsdesk.ingest.canonical import canonical_url
from newsdesk.ingest.jsonl import article_from_record
from newsdesk.options import Options
from newsdesk.records import Article


@pytest.fixture(scope="module")
def geovirus(bench_dir: Path) -> list[dict]:
    with open(bench_dir / "geo_geovirus.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for _, line in zip(range(40), fh)]


def test_jsonl_real_texts_news_please_fields(tmp_path: Path, geovirus: list[dict]) -> None:
    path = tmp_path / "crawl.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps({
                "maintext": rec["text"],
                "title": f"Report {i}",
                "url": rec.get("url") + "?utm_source=rss#top",
                "date_publish": "2009-12-15 08:30:00",
                "source_domain": "en.wikinews.org",
                "authors": ["Wikinews"],
                "id": rec["id"],
            }) + "\n" for i, rec in enumerate(geovirus))
    items = list(read_inputs([str(path)], Options()))
    assert all(isinstance(a, Article) for a in items), [i for i in items if not isinstance(i, Article)]
    assert len(items) == len(geovirus)
    for i, (a, rec) in enumerate(zip(items, geovirus)):
        assert isinstance(a, Article)
        assert a.origin == f"{path}:{i + 1}"
        assert a.url == canonical_url(rec["url"]) and "utm_source" not in a.url and "#" not in a.url
        assert a.source == "wikinews.org"  # a host name given as source becomes its registered domain
        assert a.byline == "Wikinews"
        assert a.published == datetime(2009, 12, 15, 8, 30, tzinfo=UTC)
        assert a.meta["assumed_utc"] == ["published"]
        assert a.meta["input_id"] == rec["id"]
        assert a.language == "en" and a.language_confidence is not None and a.language_confidence >= 0.5
        assert " ".join(a.text.split()) == " ".join(rec["text"].split())
    # one id per canonical URL (GeoVirus has two excerpts of one page: they share the URL)
    assert len({a.id for a in items}) == len({a.url for a in items})  # type: ignore[union-attr]


def test_jsonl_bad_line_names_path_and_line(tmp_path: Path, geovirus: list[dict]) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"title": "one", "text": geovirus[0]["text"]}),
        '{"title": "broken", "text": ',
        json.dumps({"title": "no text here"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "two", "text": geovirus[1]["text"]}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)], Options()))
    assert [type(i).__name__ for i in items] == ["Article", "FormatError", "FormatError", "FormatError", "Article"]
    assert items[1].source == f"{path}:2" and "not valid JSON" in str(items[1])
    assert items[2].source == f"{path}:3" and "no text" in str(items[2])
    assert items[3].source == f"{path}:4"


def test_json_array_and_container(tmp_path: Path, geovirus: list[dict]) -> None:
    recs = [{"headline": f"H{i}", "content": r["text"], "publishedAt": "2020-02-01T10:00:00Z",
             "source": {"id": None, "name": "Wire"}, "lang": "en-GB"} for i, r in enumerate(geovirus[:3])]
    arr = tmp_path / "a.json"
    arr.write_text(json.dumps(recs), encoding="utf-8")
    box = tmp_path / "b.json"
    box.write_text(json.dumps({"status": "ok", "articles": recs}), encoding="utf-8")
    one = tmp_path / "c.json"
    one.write_text(json.dumps(recs[0]), encoding="utf-8")
    items = list(read_inputs([str(arr), str(box), str(one)], Options()))
    assert len(items) == 7 and all(isinstance(a, Article) for a in items)
    a = items[0]
    assert a.title == "H0" and a.source == "Wire" and a.language == "en"
    assert a.meta["language_from"] == "input" and a.language_confidence is None
    assert a.published == datetime(2020, 2, 1, 10, tzinfo=UTC) and "assumed_utc" not in a.meta
    assert a.origin == f"{arr}[0]" and items[3].origin == f"{box}[0]" and items[6].origin == str(one)


def test_json_too_big_to_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"articles": [{"text": "x" * 5000}]}), encoding="utf-8")
    opts = Options().replace("ingest", max_file_bytes=1000)
    items = list(read_inputs([str(path)], opts))
    assert len(items) == 1 and isinstance(items[0], FormatError)
    assert "limit" in items[0].cause and items[0].source == str(path)


def test_jsonl_is_streamed_despite_file_limit(tmp_path: Path, geovirus: list[dict]) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps({"text": r["text"]}) + "\n" for r in geovirus[:10]), encoding="utf-8")
    opts = Options().replace("ingest", max_file_bytes=1000)  # JSONL is never read whole
    items = list(read_inputs([str(path)], opts))
    assert len(items) == 10 and all(isinstance(a, Article) for a in items)


def test_record_field_variants() -> None:
    rec = {"body": "Fighting resumed near the border on Friday, the ministry said.",
           "pubDate": "Fri, 05 Jan 2024 14:00:00 +0200", "dateModified": "2024-01-05T15:00:00+02:00",
           "link": "HTTP://Example.COM:80/news/1?b=2&a=1&fbclid=zz", "author": "A. Writer",
           "categories": ["World", "Europe"], "date_download": 1704463200}
    a = article_from_record(rec, origin="r", options=Options())
    assert a.url == "http://example.com/news/1?a=1&b=2"
    assert a.source == "example.com"
    assert a.published is not None and a.published.isoformat() == "2024-01-05T14:00:00+02:00"
    assert a.updated is not None and a.updated.isoformat() == "2024-01-05T15:00:00+02:00"
    assert a.fetched == datetime(2024, 1, 5, 14, 0, tzinfo=UTC)
    assert a.byline == "A. Writer" and a.section == "World"


def test_record_description_as_text_and_unparsed_date() -> None:
    rec = {"title": "T", "description": "Only a summary of the report is given here.", "date": "not a date"}
    a = article_from_record(rec, origin="r", options=Options())
    assert a.text == rec["description"] and a.meta["text_from"] == "description"
    assert a.published is None and a.meta["unparsed_dates"] == {"published": "not a date"}


def test_invalid_utf8_line_is_recovered(tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    good = json.dumps({"text": "Café owners in Zürich protested on Monday against the new rules."}, ensure_ascii=False)
    path.write_bytes(good.encode("cp1252") + b"\n")
    items = list(read_inputs([str(path)], Options()))
    assert len(items) == 1 and isinstance(items[0], Article)
    assert "Zürich" in items[0].text and "UTF-8" in items[0].meta["encoding"]


def test_escaped_lone_surrogates_do_not_stop_the_run(tmp_path: Path) -> None:
    """JSON may escape half a surrogate pair (not text, not storable as UTF-8): in the text it
    becomes U+FFFD; where it cannot be cleaned (the URL) the record is an error naming its
    line; the other records are read either way."""
    body = "Floods cut the road to the valley on Monday and rescuers reached the village by boat."
    lines = [json.dumps({"title": "One", "text": body[:40] + "\ud800" + body[40:], "url": "https://v.example/1"}),
             json.dumps({"title": "Two", "text": body, "url": "https://v.example/\udc00"}),
             json.dumps({"title": "Three", "text": body + " More.", "url": "https://v.example/3"})]
    src = tmp_path / "s.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = list(read_inputs([str(src)], Options()))
    assert [type(x).__name__ for x in got] == ["Article", "FormatError", "Article"]
    assert got[0].text == body[:40] + "\ufffd" + body[40:]
    assert got[1].source == f"{src}:2" and "Unicode" in got[1].cause
    got[0].text.encode("utf-8")  # storable


def test_empty_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    items = list(read_inputs([str(path)], Options()))
    assert len(items) == 1 and isinstance(items[0], InputError) and "empty" in items[0].cause


def test_json_array_is_streamed(tmp_path: Path, geovirus: list[dict]) -> None:
    path = tmp_path / "array.json"
    recs = [{"title": f"T{i}", "text": r["text"], "score": 1.5e3} for i, r in enumerate(geovirus)]
    path.write_text(json.dumps(recs, indent=2), encoding="utf-8")
    opts = Options().replace("ingest", max_file_bytes=10_000)  # far smaller than the file
    items = list(read_inputs([str(path)], opts))
    assert [a.title for a in items] == [f"T{i}" for i in range(len(recs))]  # type: ignore[union-attr]
    assert items[5].origin == f"{path}[5]"  # type: ignore[union-attr]


def test_truncated_json_array_keeps_records_before(tmp_path: Path, geovirus: list[dict]) -> None:
    path = tmp_path / "cut.json"
    data = json.dumps([{"text": r["text"]} for r in geovirus[:10]])
    cut = data.index(geovirus[7]["text"][:40])
    path.write_text(data[:cut], encoding="utf-8")
    items = list(read_inputs([str(path)], Options()))
    assert [type(i).__name__ for i in items] == ["Article"] * 7 + ["FormatError"]
    assert items[-1].source == f"{path}[7]" and "not valid JSON" in items[-1].cause  # type: ignore[union-attr]


def test_json_array_with_bad_separator_and_empty(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"text": "A report of some length."} {"text": "b"}]', encoding="utf-8")
    items = list(read_inputs([str(bad)], Options()))
    assert [type(i).__name__ for i in items] == ["Article", "FormatError"]
    assert items[1].source == f"{bad}[1]"  # type: ignore[union-attr]
    empty = tmp_path / "empty.json"
    empty.write_text(" [ ] ", encoding="utf-8")
    items = list(read_inputs([str(empty)], Options()))
    assert len(items) == 1 and "no records" in items[0].cause  # type: ignore[union-attr]


def test_huge_json_array_memory_stays_flat(tmp_path: Path, geovirus: list[dict]) -> None:
    import tracemalloc

    from newsdesk.read.language import detect_language

    path = tmp_path / "huge.json"
    long_text = "\n\n".join(r["text"] for r in geovirus[:8])
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("[\n")
        fh.write(",\n".join(json.dumps({"text": f"Record {i}. {long_text}"}) for i in range(500)))
        fh.write("\n]\n")
    size = path.stat().st_size
    detect_language("warm the language model up before measuring")
    tracemalloc.start()
    count = sum(1 for item in read_inputs([str(path)], Options()) if isinstance(item, Article))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 500
    assert peak < size / 4, f"peak {peak:,} bytes for a {size:,}-byte array"


def test_title_repeated_as_first_line_is_not_body() -> None:
    body = "Fighting resumed near the border on Friday, the ministry said."
    a = article_from_record({"title": "Border  fighting resumes", "text": f"Border fighting resumes\n\n{body}"},
                            origin="r", options=Options())
    assert a.text == body and a.meta["title_in_text"] is True
    only = article_from_record({"title": "Short note", "text": "Short note"}, origin="r", options=Options())
    assert only.text == "Short note"  # never leaves an article without text
