"""Publisher boilerplate: repeated paragraphs per source, and single-article footers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.ingest.build import normalise_text
from newsdesk.options import Options
from newsdesk.read.boilerplate import MIN_REPEATS, find_boilerplate, footer_spans, paragraph_hash, paragraphs
from newsdesk.records import Article

NEWS = [
    "Rescuers pulled 12 people from the rubble of a collapsed building in the city centre on Tuesday.",
    "The regional governor said the death toll had risen to 7 and that 30 people were being treated in hospital.",
    ("The Committee to Protect Journalists said at least 20 journalists had been killed in the conflict "
     "and called for an independent investigation."),
]


def _article(pars: list[str], source: str | None = "Daily Planet") -> Article:
    return Article(id="x", text="\n\n".join(pars), source=source)


def _flagged(article: Article, spans: list) -> list[str]:
    return [article.text[s.start : s.end] for s in spans]


def test_paragraph_offsets_and_hashes() -> None:
    text = "First  paragraph here.\n\n  Second one.  \nThird"
    got = paragraphs(text)
    assert [text[s:e] for s, e, _ in got] == ["First  paragraph here.", "Second one.", "Third"]
    assert got[0][2] == paragraph_hash("first paragraph   HERE.")
    assert got[0][2] != paragraph_hash("First paragraph here!")
    assert len(got[0][2]) == 16


def test_repeated_paragraphs_are_boilerplate() -> None:
    promo = "Get the best of the Planet in your inbox every morning."
    art = _article([*NEWS, promo])
    h = {text: digest for text, digest in ((art.text[s:e], d) for s, e, d in paragraphs(art.text))}
    seen = {h[promo]: MIN_REPEATS, h[NEWS[0]]: MIN_REPEATS - 1}
    found = find_boilerplate(art, seen, Options())
    assert _flagged(art, found) == [promo]
    assert all(s.label == "boilerplate" for s in found)
    assert find_boilerplate(art, {}, Options()) == []
    assert art.text.endswith(promo)  # pure: the article is not changed


@pytest.mark.parametrize(
    "footer",
    [
        "© 2024 Daily Planet Media Ltd. All rights reserved.",
        "Copyright 2023 The Associated Press. This material may not be published, broadcast, rewritten or redistributed.",
        "Subscribe to our newsletter for the day's top stories.",
        "Follow us on Twitter and Facebook",
        "Reporting by Pavel Polityuk; Additional reporting by Olena Harmash; Editing by Frances Kerry",
        ("Founded in 1998, Daily Planet is an independent news platform delivering breaking news and analysis "
         "to audiences across Africa, with a newsroom of 200 reporters."),
    ],
)
def test_single_article_footers(footer: str) -> None:
    art = _article([*NEWS, footer])
    assert _flagged(art, footer_spans(art.text, art.source)) == [footer]


def test_footer_block_behind_tag_line() -> None:
    blurb = ("Founded in 1998, Daily Planet has risen to prominence as a trusted news outlet, providing "
             "breaking news and up-to-the-minute coverage to audiences in over 40 countries.")
    pars = [*NEWS, "Earthquake Turkey", "Jane Roe", blurb, "Click here to sign up for alerts"]
    art = _article(pars)
    assert _flagged(art, footer_spans(art.text, art.source)) == [blurb, "Click here to sign up for alerts"]


@pytest.mark.parametrize(
    "closing",
    [
        "The newspaper, founded in 1851, said in an editorial that its coverage of the war would continue.",
        ("Police asked anyone with information to contact us via the local station, a spokesman said, adding "
         "that the investigation was continuing."),
        "Officials said they would share more details on Facebook later in the day.",
    ],
)
def test_news_closing_paragraphs_are_not_footers(closing: str) -> None:
    art = _article([*NEWS, closing])
    assert footer_spans(art.text, art.source) == []


def test_single_paragraph_report_is_never_all_boilerplate() -> None:
    art = _article(["Subscribe to our newsletter and follow us on Twitter for news."])
    assert footer_spans(art.text) == []


def test_no_false_footers_in_real_reports(bench_dir: Path) -> None:
    """The footer rule flags (almost) nothing in real news texts that have no publisher footer.

    The bench texts come as one paragraph; each sentence is made a paragraph so that the
    closing sentences of every report are put to the footer rule."""
    total = flagged = 0
    for name, key in (("geo_geovirus.jsonl", "text"), ("geo_lgl.jsonl", "text"), ("ecbplus.jsonl", "text")):
        with open(bench_dir / name, encoding="utf-8") as fh:
            for line in fh:
                flat = " ".join(normalise_text(json.loads(line)[key]))
                sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", flat)
                total += 1
                flagged += bool(footer_spans("\n\n".join(sentences)))
    assert total > 1700
    assert flagged <= total * 0.002, f"{flagged} of {total} real reports got a footer"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" \n\t\r\x0bAbÉß©\u00a0x.\x1c\u2028", max_size=60))
def test_paragraphs_hash_each_stripped_line(text: str) -> None:
    """The one-loop ``paragraphs`` agrees with hashing each non-empty stripped line."""
    expected = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            start = pos + len(line) - len(line.lstrip())
            expected.append((start, start + len(line.strip()), paragraph_hash(line.strip())))
        pos += len(line) + 1
    assert paragraphs(text) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300), st.integers(0, 100))
def test_fast_text_helpers_agree_with_str_methods(text: str, pad: int) -> None:
    """``is_printable`` and ``folded_utf8`` are ``str.isprintable`` and ``casefold().encode()``."""
    from newsdesk.read.boilerplate import folded_utf8, is_printable

    text = "a" * pad + text  # long enough for the byte-level paths too
    assert is_printable(text) == text.isprintable()
    try:
        expected: bytes | None = text.casefold().encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        expected = None
    try:
        got: bytes | None = folded_utf8(text)
    except UnicodeEncodeError:
        got = None
    assert got == expected
