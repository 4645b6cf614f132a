"""WARC / WARC.gz written in the test with warcio from real texts, read back with fastwarc."""

from __future__ import annotations

import gzip
import html as htmllib
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.errors import FormatError, InputError
from newsdesk.ingest import read_inputs
from newsdesk.options import Options
from newsdesk.records import Article


def _page(title: str, text: str, charset: str = "utf-8") -> str:
    body = "".join(f"<p>{htmllib.escape(s.strip())}.</p>" for s in text.split(". ") if s.strip())
    return (f'<html><head><meta charset="{charset}"><title>{htmllib.escape(title)}</title></head><body>'
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{htmllib.escape(title)}</h1>{body}</article></body></html>")


def _write(writer: WARCWriter, record: object) -> None:
    """Write a record and close its spooled payload (warcio leaves that to the caller)."""
    writer.write_record(record)
    record.raw_stream.close()  # type: ignore[attr-defined]


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], *, gz: bool, extra: bool = True) -> None:
    """``pages``: (url, payload, content type) response records, plus a request and an image."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        _write(writer, writer.create_warcinfo_record(path.name, {"software": "test"}))
        for i, (url, payload, ctype) in enumerate(pages):
            if extra and i == 1:
                req = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
                _write(writer, req)
                img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                _write(writer, writer.create_warc_record(url + ".png", "response",
                                                              payload=io.BytesIO(b"\x89PNG...."), http_headers=img))
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers,
                                            warc_headers_dict={"WARC-Date": "2024-01-02T03:04:05Z"})
            _write(writer, rec)


@pytest.fixture(scope="module")
def pages(bench_dir: Path) -> list[tuple[str, bytes, str]]:
    out = []
    with open(bench_dir / "geo_geovirus.jsonl", encoding="utf-8") as fh:
        for i, line in zip(range(6), fh):
            rec = json.loads(line)
            url = f"https://news.example.org/story/{i}?utm_campaign=cc"
            out.append((url, _page(f"Story {i}", rec["text"]).encode("utf-8"), "text/html; charset=utf-8"))
    return out


@pytest.mark.parametrize("gz", [True, False])
def test_warc_real_texts(tmp_path: Path, pages: list[tuple[str, bytes, str]], gz: bool) -> None:
    path = tmp_path / ("cc-news.warc.gz" if gz else "cc-news.warc")
    write_warc(path, pages, gz=gz)
    items = list(read_inputs([str(path)], Options()))
    assert all(isinstance(a, Article) for a in items), [i for i in items if not isinstance(i, Article)]
    assert [a.title for a in items] == [f"Story {i}" for i in range(len(pages))]  # type: ignore[union-attr]
    for i, a in enumerate(items):
        assert isinstance(a, Article)
        assert a.url == f"https://news.example.org/story/{i}"
        assert a.fetched == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
        assert a.origin and a.origin.startswith(f"{path}#urn:uuid:")
        assert a.source == "example.org"
        assert a.language == "en"
        assert "Home" not in a.text and len(a.text) > 200


def test_warc_corrupt_record_is_named_and_others_read(tmp_path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    path = tmp_path / "bad.warc"
    write_warc(path, pages[:4], gz=False, extra=False)
    data = bytearray(path.read_bytes())
    # damage the payload of the second page: same length, different bytes -> digest mismatch
    target = pages[1][1][300:340]
    at = data.find(target)
    assert at > 0
    data[at : at + 40] = b"#" * 40
    path.write_bytes(bytes(data))
    items = list(read_inputs([str(path)], Options()))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "FormatError", "Article", "Article"], items
    err = items[1]
    assert isinstance(err, FormatError)
    assert err.source.startswith(f"{path}#urn:uuid:") and "digest" in err.cause


def test_truncated_warc_gz_keeps_records_before(tmp_path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    path = tmp_path / "cut.warc.gz"
    many = pages * 8  # enough records that the cut falls well after the first ones
    write_warc(path, many, gz=True, extra=False)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    items = list(read_inputs([str(path)], Options()))
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, InputError)]
    assert 5 <= len(arts) < len(many)
    assert errs and "truncated" in str(errs[-1]) and errs[-1].source.startswith(str(path))


def test_broken_warc_header_stops_file_with_clear_error(tmp_path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    path = tmp_path / "hdr.warc"
    write_warc(path, pages[:3], gz=False, extra=False)
    data = path.read_bytes()
    third = data.rfind(b"WARC/1.")
    bad = data[:third] + data[third:].replace(b"Content-Length", b"Content-Lxngth", 1)
    other = tmp_path / "next.warc"
    write_warc(other, pages[3:4], gz=False, extra=False)
    path.write_bytes(bad)
    items = list(read_inputs([str(path), str(other)], Options()))
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, InputError)]
    assert [a.title for a in arts] == ["Story 0", "Story 1", "Story 3"]  # the next file is read too
    assert len(errs) >= 1 and all(e.source.startswith(str(path)) for e in errs)


def test_warc_charset_from_http_header(tmp_path: Path, bench_dir: Path) -> None:
    text = "Les habitants de Besançon ont été évacués jeudi après les inondations qui ont touché la région. " * 3
    payload = _page("Inondations à Besançon", text, charset="utf-8").encode("cp1252")
    path = tmp_path / "fr.warc.gz"
    write_warc(path, [("https://exemple.fr/a", payload, "text/html; charset=windows-1252")], gz=True, extra=False)
    items = list(read_inputs([str(path)], Options()))
    assert len(items) == 1 and isinstance(items[0], Article), items
    assert "Besançon ont été évacués" in items[0].text and items[0].language == "fr"


def test_gzip_magic_without_gz_name_is_read(tmp_path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    raw = tmp_path / "plain.warc"
    write_warc(raw, pages[:2], gz=False, extra=False)
    odd = tmp_path / "archive.bin"
    odd.write_bytes(gzip.compress(raw.read_bytes()))
    items = list(read_inputs([str(odd)], Options()))
    assert [type(i).__name__ for i in items] == ["Article", "Article"]


def test_content_encoded_payload_is_decoded(tmp_path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    path = tmp_path / "enc.warc.gz"
    url, payload, ctype = pages[0]
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype), ("Content-Encoding", "gzip")],
                                   protocol="HTTP/1.1")
        _write(writer, writer.create_warc_record(url, "response", payload=io.BytesIO(gzip.compress(payload)),
                                                      http_headers=headers))
    items = list(read_inputs([str(path)], Options()))
    assert len(items) == 1 and isinstance(items[0], Article), items
    assert items[0].title == "Story 0" and len(items[0].text) > 200
