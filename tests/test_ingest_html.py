"""HTML pages through trafilatura, built in the test from real texts in ../shared."""

from __future__ import annotations

import html as htmllib
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsdesk.errors import FormatError, InputError
from newsdesk.ingest import read_inputs
from newsdesk.ingest.html import article_from_html
from newsdesk.options import Options
from newsdesk.records import Article


def build_page(title: str, paragraphs: list[str], *, charset: str | None = "utf-8", extra_head: str = "",
               site: str = "Example Wire", author: str = "Jane Roe") -> str:
    """A news page like a CMS writes: navigation, the article, a footer."""
    meta_charset = f'<meta charset="{charset}">' if charset else ""
    body = "\n".join(f"<p>{htmllib.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head>{meta_charset}
<title>{htmllib.escape(title)} | {site}</title>
<meta property="og:title" content="{htmllib.escape(title)}">
<meta property="og:site_name" content="{site}">
<meta name="author" content="{author}">
{extra_head}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>{htmllib.escape(title)}</h1>
<p class="byline">By {author}</p>
{body}
</article></main>
<footer><p>Contact</p><p>Privacy</p></footer>
</body></html>"""


@pytest.fixture(scope="module")
def geo_texts(bench_dir: Path) -> list[str]:
    with open(bench_dir / "geo_geovirus.jsonl", encoding="utf-8") as fh:
        return [json.loads(line)["text"] for _, line in zip(range(10), fh)]


@pytest.fixture(scope="module")
def seed_paragraphs(seed_path: Path) -> list[str]:
    lines = [x.strip() for x in seed_path.read_text(encoding="utf-8").splitlines()]
    start = next(i for i, x in enumerate(lines) if x.startswith("Published:")) + 1
    return [x for x in lines[start:] if len(x) > 80]  # the body paragraphs


def test_page_from_seed_text(seed_paragraphs: list[str]) -> None:
    head = ('<meta property="article:published_time" content="2023-12-31T05:32:00-05:00">'
            '<meta property="article:modified_time" content="2023-12-31T05:40:00-05:00">'
            '<meta property="article:section" content="Russia">')
    page = build_page("Russia Retaliates with Missile Strikes on Kharkiv", seed_paragraphs, extra_head=head)
    fetched = datetime(2024, 1, 1, 12, tzinfo=UTC)
    a = article_from_html(page.encode("utf-8"), url="https://www.example.com/world/kharkiv?utm_medium=x",
                          fetched=fetched, options=Options(), origin="page.html")
    est = timezone(timedelta(hours=-5))
    assert a.title == "Russia Retaliates with Missile Strikes on Kharkiv"
    assert a.published == datetime(2023, 12, 31, 5, 32, tzinfo=est)
    assert a.updated == datetime(2023, 12, 31, 5, 40, tzinfo=est)
    assert a.fetched == fetched
    assert a.section == "Russia"
    assert a.byline == "Jane Roe"
    assert a.source == "Example Wire"
    assert a.url == "https://www.example.com/world/kharkiv"
    assert a.language == "en"
    for p in seed_paragraphs[:-1]:
        assert p in a.text, p[:60]
    assert "Home" not in a.text and "Privacy" not in a.text
    # the BNN blurb (last paragraph) is found as a footer in the page too
    assert [a.text[s.start:s.end] for s in a.boilerplate] == [seed_paragraphs[-1]]


def test_html_file_and_wrong_declared_charset(tmp_path: Path, geo_texts: list[str]) -> None:
    paras = [geo_texts[0], "Le maire de Besançon a déclaré que la situation était « très grave » à Zürich."]
    page = build_page("Hog culling in the Philippines", paras, charset="iso-8859-1")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("utf-8"))  # declared latin-1, really UTF-8
    items = list(read_inputs([str(path)], Options()))
    assert len(items) == 1 and isinstance(items[0], Article), items
    a = items[0]
    assert "Besançon" in a.text and "« très grave »" in a.text
    assert "UTF-8" in a.meta["encoding"]
    assert a.origin == str(path)
    assert a.source == "Example Wire"


def test_cp1252_page_without_declaration(tmp_path: Path, geo_texts: list[str]) -> None:
    paras = [geo_texts[1], "Residents of Zürich and Besançon said the café had been closed since the outbreak began."]
    page = build_page("Outbreak report", paras, charset=None)
    path = tmp_path / "old.htm"
    path.write_bytes(page.encode("cp1252"))
    items = list(read_inputs([str(path)], Options()))
    assert isinstance(items[0], Article), items
    assert "Zürich and Besançon" in items[0].text and "detected" in items[0].meta["encoding"]


def test_page_with_no_article(tmp_path: Path) -> None:
    page = "<html><head><title>Login</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(FormatError) as info:
        article_from_html(page, url="https://example.com/login", fetched=None, options=Options())
    assert "no article" in info.value.cause and info.value.source == "https://example.com/login"
    path = tmp_path / "login.html"
    path.write_text(page, encoding="utf-8")
    items = list(read_inputs([str(path)], Options()))
    assert len(items) == 1 and isinstance(items[0], InputError) and items[0].source == str(path)


def test_html_too_big(tmp_path: Path, geo_texts: list[str]) -> None:
    path = tmp_path / "big.html"
    path.write_text(build_page("Big", geo_texts), encoding="utf-8")
    items = list(read_inputs([str(path)], Options().replace("ingest", max_file_bytes=500)))
    assert len(items) == 1 and isinstance(items[0], FormatError) and "limit" in items[0].cause


def test_page_date_from_json_ld_and_naive(geo_texts: list[str]) -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2009-12-15T08:30:00"}</script>'
    a = article_from_html(build_page("Hogs", geo_texts[:2], extra_head=head), url=None, fetched=None,
                          options=Options())
    assert a.published == datetime(2009, 12, 15, 8, 30, tzinfo=UTC)
    assert a.meta["assumed_utc"] == ["published"]
    assert a.url is None and a.source == "Example Wire"


def test_time_element_refines_the_day(geo_texts: list[str]) -> None:
    same_day = '<time datetime="2009-12-15T08:30:00+08:00">15 Dec</time>'
    page = build_page("Hogs", geo_texts[:2]).replace("<main>", "<main>" + same_day)
    a = article_from_html(page, url=None, fetched=None, options=Options())
    assert a.published is not None and a.published.isoformat() in ("2009-12-15T08:30:00+08:00",)
    assert "published_precision" not in a.meta


def test_saved_page_takes_its_url_from_the_canonical_link(tmp_path: Path, geo_texts: list[str]) -> None:
    head = '<link rel="canonical" href="https://www.example.com/health/hogs-culled?utm_source=x">'
    path = tmp_path / "saved.html"
    path.write_text(build_page("Hogs culled", geo_texts[:2], extra_head=head), encoding="utf-8")
    items = list(read_inputs([str(path)], Options()))
    assert isinstance(items[0], Article), items
    assert items[0].url == "https://www.example.com/health/hogs-culled"
    given = article_from_html(path.read_bytes(), url="https://mirror.example.net/x", fetched=None, options=Options())
    assert given.url == "https://mirror.example.net/x"  # a URL the caller knows wins
