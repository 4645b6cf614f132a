"""A broken WARC record header costs that record, not the rest of the file: reading starts
again at the next record header (plain and per-record gzip WARCs, as CC-NEWS ships them)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsdesk.errors import FormatError
from newsdesk.ingest.sources import read_inputs
from newsdesk.options import Options
from newsdesk.records import Article

from test_ingest_warc import _page, write_warc  # the test WARC writer (warcio)


@pytest.fixture()
def six_pages(bench_dir: Path) -> list[tuple[str, bytes, str]]:
    out = []
    with open(bench_dir / "geo_geovirus.jsonl", encoding="utf-8") as fh:
        for i, line in zip(range(6), fh):
            text = json.loads(line)["text"]
            out.append((f"https://news.example.org/{i}", _page(f"Story {i}", text).encode("utf-8"),
                        "text/html; charset=utf-8"))
    return out


def _headers(data: bytes) -> list[int]:
    return [i for i in range(len(data)) if data.startswith(b"WARC/1.", i)]


def _per_record_gzip(data: bytes) -> bytes:
    bounds = [*_headers(data), len(data)]
    return b"".join(gzip.compress(data[a:b]) for a, b in zip(bounds, bounds[1:]))


@pytest.mark.parametrize("gz", [False, True])
def test_reading_goes_on_after_a_broken_header(tmp_path, six_pages, gz):
    plain = tmp_path / "plain.warc"
    write_warc(plain, six_pages, gz=False, extra=False)
    data = plain.read_bytes()
    third = _headers(data)[3]  # warcinfo, Story 0, Story 1, then Story 2's header is damaged
    bad = data[:third] + data[third:].replace(b"Content-Length", b"Content-Lxngth", 1)
    path = tmp_path / ("cc.warc.gz" if gz else "cc.warc")
    path.write_bytes(_per_record_gzip(bad) if gz else bad)
    items = list(read_inputs([str(path)], Options()))
    titles = [i.title for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, FormatError)]
    assert titles == ["Story 0", "Story 1", "Story 3", "Story 4", "Story 5"]
    assert errors and all(e.source.startswith(str(path)) for e in errors)
    assert any("skipped to the next record" in e.cause for e in errors)


def test_garbage_after_a_broken_header_ends_the_file_with_one_error(tmp_path, six_pages):
    path = tmp_path / "tail.warc"
    write_warc(path, six_pages[:3], gz=False, extra=False)
    data = path.read_bytes()
    last = _headers(data)[-1]
    path.write_bytes(data[:last] + b"WARC/1.0\r\nthis is not a header\r\n\r\n" + b"x" * 5000)
    items = list(read_inputs([str(path)], Options()))
    assert [i.title for i in items if isinstance(i, Article)] == ["Story 0", "Story 1"]
    errors = [i for i in items if isinstance(i, FormatError)]
    assert len(errors) == 1 and "stopped reading this file" in errors[0].cause
