"""read_inputs: directories, .gz, stdin, URLs, format override, and the bad inputs of issue 2."""

from __future__ import annotations

import gzip
import io
import json
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk.errors import FormatError, InputError
from newsdesk.ingest import read_inputs
from newsdesk.options import Options
from newsdesk.read.language import detect_language
from newsdesk.records import Article


@pytest.fixture(scope="module")
def texts(bench_dir: Path) -> list[str]:
    with open(bench_dir / "geo_geovirus.jsonl", encoding="utf-8") as fh:
        return [json.loads(line)["text"] for _, line in zip(range(12), fh)]


def _split(items: list[Article | InputError]) -> tuple[list[Article], list[InputError]]:
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def test_directory_with_mixed_formats_and_gz(tmp_path: Path, seed_path: Path, texts: list[str]) -> None:
    root = tmp_path / "in"
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a_seed.txt").write_bytes(seed_path.read_bytes())
    with gzip.open(root / "b" / "crawl.jsonl.gz", "wt", encoding="utf-8") as fh:
        for t in texts[:3]:
            fh.write(json.dumps({"title": "T", "maintext": t}) + "\n")
    (root / "b" / "deep" / "page.html").write_text(
        f"<html><head><title>Page</title></head><body><article><p>{texts[3]}</p></article></body></html>",
        encoding="utf-8")
    (root / "b" / "one.json").write_text(json.dumps({"text": texts[4]}), encoding="utf-8")
    (root / "c.txt.gz").write_bytes(gzip.compress(texts[5].encode("utf-8")))
    (root / ".hidden" / "x.txt").write_text(texts[6], encoding="utf-8")
    (root / ".dotfile.txt").write_text(texts[7], encoding="utf-8")
    items = list(read_inputs([str(root)], Options()))
    arts, errs = _split(items)
    assert not errs, errs
    origins = [a.origin for a in arts]
    assert origins == [
        str(root / "a_seed.txt"),
        f"{root / 'b' / 'crawl.jsonl.gz'}:1", f"{root / 'b' / 'crawl.jsonl.gz'}:2", f"{root / 'b' / 'crawl.jsonl.gz'}:3",
        str(root / "b" / "deep" / "page.html"),
        str(root / "b" / "one.json"),
        str(root / "c.txt.gz"),
    ]
    assert arts[0].section == "Russia"
    assert " ".join(arts[6].text.split()) == " ".join(texts[5].split())
    assert not any(texts[6][:50] in a.text or texts[7][:50] in a.text for a in arts)


def test_stdin_jsonl_and_gzip(texts: list[str]) -> None:
    data = "".join(json.dumps({"text": t}) + "\n" for t in texts[:2]).encode("utf-8")
    arts, errs = _split(list(read_inputs(["-"], Options(), stdin=io.BytesIO(data))))
    assert len(arts) == 2 and not errs and arts[0].origin == "<stdin>:1"
    arts, errs = _split(list(read_inputs(["-"], Options(), stdin=io.BytesIO(gzip.compress(data)))))
    assert len(arts) == 2 and not errs


def test_format_override(tmp_path: Path, texts: list[str]) -> None:
    path = tmp_path / "records.dat"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts[:3]), encoding="utf-8")
    arts, _ = _split(list(read_inputs([str(path)], Options().replace("ingest", format="jsonl"))))
    assert len(arts) == 3
    as_text, _ = _split(list(read_inputs([str(path)], Options().replace("ingest", format="text"))))
    assert len(as_text) == 1 and as_text[0].text.startswith('{"text"')
    bad = list(read_inputs([str(path)], Options().replace("ingest", format="pdf")))
    assert len(bad) == 1 and isinstance(bad[0], FormatError) and "unknown format" in bad[0].cause


def test_urls_go_to_feeds_reader(monkeypatch: pytest.MonkeyPatch, texts: list[str]) -> None:
    from newsdesk.ingest import feeds

    calls: list[str] = []

    def fake_read_url(url: str, options: Options) -> Iterator[Article | InputError]:
        calls.append(url)
        yield InputError(url, "fake fetch")

    monkeypatch.setattr(feeds, "read_url", fake_read_url)
    items = list(read_inputs(["https://example.org/feed.xml"], Options()))
    assert calls == ["https://example.org/feed.xml"]
    assert len(items) == 1 and items[0].cause == "fake fetch"


def test_urls_without_feeds_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "newsdesk.ingest.feeds", None)  # import now fails
    items = list(read_inputs(["http://example.org/a"], Options()))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "not supported yet" in items[0].cause and items[0].source == "http://example.org/a"


# --- bad inputs: one clear error each, and the batch goes on ---------------------------------


def test_bad_inputs_each_one_error_and_batch_goes_on(tmp_path: Path, texts: list[str], seed_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\n \t\n", encoding="utf-8")
    trunc = tmp_path / "cut.jsonl.gz"
    full = gzip.compress("".join(json.dumps({"text": t}) + "\n" for t in texts * 40).encode("utf-8"))
    trunc.write_bytes(full[: len(full) * 3 // 4])
    not_gz = tmp_path / "fake.txt.gz"
    not_gz.write_bytes(b"\x1f\x8b\x08\x00garbage-not-a-deflate-stream" * 3)
    missing = tmp_path / "nope.txt"
    good = tmp_path / "good.txt"
    good.write_bytes(seed_path.read_bytes())
    items = list(read_inputs([str(p) for p in (empty, binary, blank, trunc, not_gz, missing, good)], Options()))
    arts, errs = _split(items)
    by_source: dict[str, list[InputError]] = {}
    for e in errs:
        by_source.setdefault(e.source, []).append(e)
    assert "empty" in by_source[str(empty)][0].cause
    assert "binary" in by_source[str(binary)][0].cause
    assert "empty" in by_source[str(blank)][0].cause
    assert "truncated" in by_source[str(trunc)][-1].cause
    assert "truncated or corrupt" in by_source[str(not_gz)][0].cause
    assert "no such file" in by_source[str(missing)][0].cause
    assert all(len(v) == 1 for v in by_source.values())
    for e in errs:
        assert "\n" not in str(e) and e.source in str(e)
    # the lines of the truncated gzip before the damage are kept, and the good file is read
    assert sum(1 for a in arts if a.origin and a.origin.startswith(str(trunc))) > len(texts)
    assert arts[-1].origin == str(good)


def test_invalid_utf8_text_is_decoded_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "cyr.txt"
    text = "Киев подвергся массированной атаке беспилотников ночью, сообщили власти города. " * 4
    path.write_bytes(text.encode("cp1251"))
    arts, errs = _split(list(read_inputs([str(path)], Options())))
    assert not errs and arts[0].text.startswith("Киев подвергся") and arts[0].language == "ru"
    assert "cp1251" in arts[0].meta["encoding"]


def test_huge_text_file_is_streamed_and_cut(tmp_path: Path, texts: list[str]) -> None:
    path = tmp_path / "huge.txt"
    block = ("\n\n".join(texts) + "\n\n").encode("utf-8")
    with open(path, "wb") as fh:
        fh.writelines(block for _ in range(2000))  # ~17 MB of one header-less report
    opts = Options().replace("ingest", max_article_chars=50_000)
    detect_language("warm the language model up before measuring")
    tracemalloc.start()
    items = list(read_inputs([str(path)], opts))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    arts, errs = _split(items)
    assert not errs and len(arts) == 1
    assert len(arts[0].text) <= 50_000 and "truncated_at_bytes" in arts[0].meta
    assert peak < 8 * 1024**2, f"peak {peak:,} bytes: the file was not streamed"


def test_huge_jsonl_memory_stays_flat(tmp_path: Path, texts: list[str]) -> None:
    path = tmp_path / "huge.jsonl.gz"
    long_text = "\n\n".join(texts)  # ~10 KB per record
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as fh:
        for i in range(300):
            fh.write(json.dumps({"text": f"Record {i}. {long_text}", "url": f"https://x.org/{i}"}) + "\n")
    size = len(gzip.decompress(path.read_bytes()))
    warm = tmp_path / "warm.jsonl.gz"  # load what is loaded once (models, suffix list) before measuring
    warm.write_bytes(gzip.compress(json.dumps({"text": texts[0], "url": "https://x.org/w"}).encode() + b"\n"))
    assert all(isinstance(i, Article) for i in read_inputs([str(warm)], Options()))
    tracemalloc.start()
    count = 0
    for item in read_inputs([str(path)], Options()):
        assert isinstance(item, Article)
        count += 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 300
    assert peak < size / 4, f"peak {peak:,} bytes for {size:,} bytes of JSONL"


@pytest.mark.parametrize(
    ("head", "name", "fmt"),
    [
        (b"[Reuters] Kyiv was hit overnight.", "a.txt", "text"),
        (b'[{"text": "x"}]', "a.txt", "json"),
        (b'{"a": 1}\n{"b": 2}\n', "dump", "jsonl"),
        (b'{"a": 1}\n{"b": 2}\n', "dump.json", "jsonl"),
        (b'{\n  "a": 1\n}\n', "doc.json", "json"),
        (b'{"a": 1}\n', "one.jsonl", "jsonl"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "news.xml", "feed"),
        (b'<?xml version="1.0"?>\n<!-- list -->\n<opml version="2.0">', "feeds.xml", "opml"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "x", "feed"),
        (b"<!DOCTYPE html><html><body><p>Hi</p>", "page.txt", "html"),
        (b"Just a report.", "page.html", "html"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "x.dat", "warc"),
        (b" date 2023-12-31 en English\nRussia\n", "seed", "text"),
    ],
)
def test_sniff(head: bytes, name: str, fmt: str) -> None:
    from newsdesk.ingest.detect import sniff

    assert sniff(head, name) == fmt


def test_feed_files_go_to_feeds_reader(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from newsdesk.ingest import feeds

    seen: list[tuple[bytes, str]] = []

    def fake_read_feed(stream: io.BufferedIOBase, *, origin: str, options: Options) -> Iterator[InputError]:
        seen.append((stream.read(), origin))
        yield InputError(origin, "fake feed")

    monkeypatch.setattr(feeds, "read_feed", fake_read_feed)
    doc = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    path = tmp_path / "news.rss.gz"
    path.write_bytes(gzip.compress(doc))
    items = list(read_inputs([str(path)], Options()))
    assert seen == [(doc, str(path))] and [i.cause for i in items] == ["fake feed"]  # type: ignore[union-attr]


def test_gzipped_jsonl_with_long_first_line_without_extension(tmp_path: Path, texts: list[str]) -> None:
    long_text = "\n\n".join(texts) * 3  # first line far longer than one decompression step
    data = "".join(json.dumps({"text": f"{i} {long_text}"}) + "\n" for i in range(3)).encode("utf-8")
    path = tmp_path / "dump.gz"
    path.write_bytes(gzip.compress(data))
    arts, errs = _split(list(read_inputs([str(path)], Options())))
    assert not errs and len(arts) == 3 and arts[2].origin == f"{path}:3"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_text_with_bom_is_text_not_binary(tmp_path: Path, seed_path: Path, encoding: str) -> None:
    path = tmp_path / "seed16.txt"
    raw = seed_path.read_text(encoding="utf-8")
    data = raw.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    arts, errs = _split(list(read_inputs([str(path)], Options())))
    assert not errs and len(arts) == 1
    assert arts[0].section == "Russia" and arts[0].byline == "BNN Correspondents"
    assert "Kharkiv injured at least 22 individuals" in arts[0].text


def test_public_api_is_pinned() -> None:
    """Other stages code against these names (issue 2): renaming one is a deliberate act."""
    import inspect

    from newsdesk import ingest
    from newsdesk.ingest import canonical, html
    from newsdesk.read import boilerplate, language

    assert {"read_inputs", "read_stream"} <= set(ingest.__all__)
    assert list(inspect.signature(ingest.read_inputs).parameters) == ["inputs", "options", "stdin"]
    params = inspect.signature(html.article_from_html).parameters
    assert list(params)[:5] == ["html", "url", "fetched", "options", "origin"]
    assert {"canonical_url", "content_hash", "article_id", "registered_domain"} <= set(canonical.__all__)
    assert {"paragraphs", "find_boilerplate", "MIN_REPEATS", "paragraph_hash"} <= set(boilerplate.__all__)
    assert list(inspect.signature(boilerplate.find_boilerplate).parameters) == ["article", "seen", "options"]
    assert "detect_language" in language.__all__
    for module in (ingest, canonical, html, boilerplate, language):
        assert all(hasattr(module, name) for name in module.__all__)


@pytest.mark.parametrize("packer", ["bz2", "lzma"])
def test_bzip2_and_xz_are_read(tmp_path: Path, texts: list[str], packer: str) -> None:
    import bz2
    import lzma

    data = "".join(json.dumps({"text": t}) + "\n" for t in texts[:4]).encode("utf-8")
    packed = bz2.compress(data) if packer == "bz2" else lzma.compress(data)
    path = tmp_path / ("crawl.jsonl.bz2" if packer == "bz2" else "crawl.jsonl.xz")
    path.write_bytes(packed)
    arts, errs = _split(list(read_inputs([str(path)], Options())))
    assert not errs and len(arts) == 4 and arts[3].origin == f"{path}:4"
    cut = tmp_path / ("cut.jsonl.bz2" if packer == "bz2" else "cut.jsonl.xz")
    cut.write_bytes(packed[: len(packed) // 2])
    _, errs = _split(list(read_inputs([str(cut)], Options())))
    assert errs and "truncated or corrupt" in errs[-1].cause and errs[-1].source == str(cut)
