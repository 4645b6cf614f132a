"""Canonical URLs, content hashes, stable ids, and date parsing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsdesk.ingest.canonical import article_id, canonical_url, content_hash, registered_domain
from newsdesk.ingest.dates import make_aware, parse_datetime


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://WWW.Example.COM:443/News/Story?b=2&a=1#comments", "https://www.example.com/News/Story?a=1&b=2"),
        ("http://example.com:80/x?utm_source=rss&utm_medium=feed&id=7&fbclid=abc&gclid=z", "http://example.com/x?id=7"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/a%7Eb?q=%C3%A9", "https://example.com/a~b?q=%C3%A9"),
        ("https://example.com/path?", "https://example.com/path"),
        ("not a url", "not a url"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected
    assert canonical_url(canonical_url(url)) == canonical_url(url)  # idempotent


def test_registered_domain() -> None:
    assert registered_domain("https://news.bbc.co.uk/a") == "bbc.co.uk"
    assert registered_domain("https://www.kyivindependent.com/x") == "kyivindependent.com"
    assert registered_domain("http://127.0.0.1:8000/feed") == "127.0.0.1"
    assert registered_domain(None) is None


def test_content_hash_ignores_spacing_and_case() -> None:
    a = content_hash("Ten people were killed.\n\nOfficials said so.")
    assert a == content_hash("  ten PEOPLE were   killed. Officials said so. ")
    assert a != content_hash("Eleven people were killed. Officials said so.")
    assert len(a) == 32 and int(a, 16) >= 0


def test_article_id_is_stable_and_prefers_url() -> None:
    h1, h2 = content_hash("one text"), content_hash("another text")
    url_id = article_id("https://Example.com/a?utm_source=x", h1)
    assert url_id == article_id("https://example.com/a", h2)  # same page, whatever its text now
    assert article_id(None, h1) != article_id(None, h2)
    assert article_id(None, h1) == article_id(None, content_hash("ONE   text"))
    assert len(url_id) == 16 and int(url_id, 16) >= 0


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("December 31, 2023 at 5:32 am EST", "2023-12-31T05:32:00-05:00"),
        ("Dec 31, 2023 at 5:40 pm EDT", "2023-12-31T17:40:00-04:00"),
        ("31 December 2023 14:05 CET", "2023-12-31T14:05:00+01:00"),
        ("December 31, 2023 at 5:32 am GMT+2", "2023-12-31T05:32:00+02:00"),
        ("2023-12-31T05:32:00Z", "2023-12-31T05:32:00+00:00"),
        ("Sun, 31 Dec 2023 10:32:00 +0000", "2023-12-31T10:32:00+00:00"),
        ("2023-12-31 05:32:00 +0530", "2023-12-31T05:32:00+05:30"),
        ("January 3rd, 2024 10:00 UTC", "2024-01-03T10:00:00+00:00"),
        ("2023-12-31", "2023-12-31T00:00:00"),
    ],
)
def test_parse_datetime(text: str, iso: str) -> None:
    got = parse_datetime(text)
    assert got is not None and got.isoformat() == iso


def test_parse_datetime_rejects_and_numbers() -> None:
    assert parse_datetime("hello") is None
    assert parse_datetime("2 days ago") is None  # never relative to the clock
    assert parse_datetime(1704067200) == datetime(2024, 1, 1, tzinfo=UTC)
    assert parse_datetime(1704067200000) == datetime(2024, 1, 1, tzinfo=UTC)


def test_make_aware() -> None:
    naive = datetime(2024, 1, 1, 12)
    assert make_aware(naive) == (datetime(2024, 1, 1, 12, tzinfo=UTC), True)
    aware = datetime(2024, 1, 1, 12, tzinfo=timezone(timedelta(hours=3)))
    assert make_aware(aware) == (aware, False)
    assert make_aware(None) == (None, False)


# --- properties -------------------------------------------------------------------------------

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.errors import FormatError
from newsdesk.ingest.build import build_article
from newsdesk.options import Options

_OPTS = Options().replace("read", detect_language=False)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_built_text_invariants(raw: str) -> None:
    try:
        a = build_article(text=raw, options=_OPTS, origin="h")
    except FormatError:
        # only a text with nothing but spaces and control characters has no article text
        assert not any(c.isprintable() and not c.isspace() for c in raw)
        return
    assert a.text and "\n\n\n" not in a.text
    for par in a.text.split("\n\n"):
        assert par and par == par.strip() and "\n" not in par and "  " not in par
    starts = {0} | {i + 2 for i in range(len(a.text)) if a.text.startswith("\n\n", i)}
    for span in [*a.layout, *a.boilerplate]:
        assert 0 <= span.start < span.end <= len(a.text) and span.start in starts
    assert len(a.news_text()) == len(a.text)
    again = build_article(text=a.text, options=_OPTS, origin="h")
    assert again.text == a.text and again.id == a.id  # building is idempotent on its own output


@settings(max_examples=150, deadline=None)
@given(st.from_regex(r"https?://[A-Za-z0-9.-]{1,20}(:[0-9]{1,5})?(/[A-Za-z0-9%~._-]{0,10}){0,3}(\?[a-z_=&0-9]{0,30})?(#[a-z]{0,5})?",
                     fullmatch=True))
def test_canonical_url_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "#" not in once or once == url.strip()


_URL_CHARS = "abcXYZ019-._~/:@!$&'()*+,;=%?#é "


@settings(max_examples=400, deadline=None)
@given(
    scheme=st.sampled_from(["http", "https", "HTTP", "ftp"]),
    host=st.sampled_from(["example.com", "www.Example.com", "a-b.example.org", "example.com.", "10.0.0.1",
                          "host_name.example", "ünï.example", "user@example.com"]),
    port=st.sampled_from(["", ":80", ":443", ":8080"]),
    rest=st.text(alphabet=_URL_CHARS, max_size=30),
)
def test_canonical_url_shortcut_agrees_with_parsing(scheme: str, host: str, port: str, rest: str) -> None:
    """A URL the shortcut returns unchanged is one that parsing would also return unchanged."""
    from newsdesk.ingest.canonical import _ALREADY_CANONICAL, _canonical_parsed

    url = f"{scheme}://{host}{port}/{rest}".strip()
    assert canonical_url(url) == _canonical_parsed(url)
    if _ALREADY_CANONICAL.fullmatch(url):
        assert _canonical_parsed(url) == url
