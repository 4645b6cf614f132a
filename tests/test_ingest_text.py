"""Plain text: the seed layout (integration, on the real seed) and header-less text (units)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsdesk.errors import InputError
from newsdesk.ingest import read_inputs
from newsdesk.ingest.text import article_from_text
from newsdesk.options import Options
from newsdesk.records import Article

EST = timezone(timedelta(hours=-5))


def _only_article(items: list[Article | InputError]) -> Article:
    errors = [i for i in items if isinstance(i, InputError)]
    assert not errors, errors
    assert len(items) == 1
    return items[0]  # type: ignore[return-value]


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> Article:
    return _only_article(list(read_inputs([str(seed_path)], Options())))


def test_seed_header_fields(seed: Article, seed_path: Path) -> None:
    assert seed.published == datetime(2023, 12, 31, 5, 32, tzinfo=EST)
    assert seed.updated == datetime(2023, 12, 31, 5, 40, tzinfo=EST)
    assert seed.published.utcoffset() == timedelta(hours=-5)
    assert seed.section == "Russia"
    assert seed.byline == "BNN Correspondents"
    assert seed.language == "en"
    assert seed.title == "Escalating Tensions: Russia Retaliates with Missile Strikes on Kharkiv"
    assert seed.origin == str(seed_path)
    assert seed.source == "BNN"  # inferred from the closing blurb ("BNN Newsroom")
    assert len(seed.id) == 16 and int(seed.id, 16) >= 0
    assert seed.url is None


def test_seed_text_is_the_body(seed: Article) -> None:
    text = seed.text
    assert text.startswith("In the latest escalation of the ongoing conflict")
    assert "Published:" not in text and "By: " not in text and "date 2023" not in text
    assert seed.title not in text
    assert "\n\n\n" not in text
    for par in text.split("\n\n"):
        assert par == par.strip() and "  " not in par and "\n" not in par


def test_seed_layout_spans(seed: Article) -> None:
    got = {(seed.text[s.start : s.end], s.label) for s in seed.layout}
    assert got == {
        ("Russian Retaliation: A Fierce Response", "subhead"),
        ("Ukrainian Defence: An Ongoing Struggle", "subhead"),
        ("International Implications: A Global Concern", "subhead"),
        ("Russia Ukraine", "tagline"),
        ("BNN Correspondents", "byline"),
    }


def test_seed_blurb_is_boilerplate_and_kept(seed: Article) -> None:
    assert len(seed.boilerplate) == 1
    span = seed.boilerplate[0]
    blurb = seed.text[span.start : span.end]
    assert blurb.startswith("Founded by visionary entrepreneur")
    assert blurb.endswith("dedicated to the truth.")
    news = seed.news_text()
    assert len(news) == len(seed.text)
    assert "200 markets" in seed.text and "200 markets" not in news
    assert "Kharkiv injured at least 22 individuals" in news
    assert "Russian Retaliation" not in news


def test_seed_stable_id_and_hash(seed: Article, seed_path: Path) -> None:
    again = _only_article(list(read_inputs([str(seed_path)], Options())))
    assert again.id == seed.id and again.content_hash == seed.content_hash


def test_text_without_header_first_line_is_title() -> None:
    raw = (
        "Floods Hit Coastal Towns\n\n"
        "Heavy rain flooded three coastal towns on Monday, officials said.\n"
        "Roads were closed and hundreds of homes were evacuated.\n"
    )
    a = article_from_text(raw, origin="x.txt", options=Options())
    assert a.title == "Floods Hit Coastal Towns"
    assert a.text.startswith("Heavy rain flooded")
    assert a.published is None and a.section is None
    assert a.language == "en" and a.language_confidence and a.language_confidence > 0.5


def test_text_without_title_keeps_first_sentence() -> None:
    raw = "Heavy rain flooded three coastal towns on Monday, officials said. Roads were closed."
    a = article_from_text(raw, origin="x.txt", options=Options())
    assert a.title is None
    assert a.text == raw


def test_hard_wrapped_lines_are_joined() -> None:
    raw = (
        "Officials in the northern province said on Tuesday that the river had\n"
        "burst its banks overnight, forcing thousands of residents to leave their\n"
        "homes before dawn.\n\n"
        "Rescue teams were still searching for survivors.\n"
    )
    a = article_from_text(raw, origin="x.txt", options=Options())
    pars = a.text.split("\n\n")
    assert len(pars) == 2
    assert "river had burst its banks" in pars[0]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: March 3, 2024 at 11:05 pm EDT", datetime(2024, 3, 3, 23, 5, tzinfo=timezone(timedelta(hours=-4)))),
        ("Published: 3 March 2024 14:05 CET", datetime(2024, 3, 3, 14, 5, tzinfo=timezone(timedelta(hours=1)))),
        ("Published: March 3, 2024 at 9:00 am PST", datetime(2024, 3, 3, 9, 0, tzinfo=timezone(timedelta(hours=-8)))),
        ("Published: 2024-03-03 09:00 +0300", datetime(2024, 3, 3, 9, 0, tzinfo=timezone(timedelta(hours=3)))),
        ("Published: March 3, 2024 at 9:00 am GMT", datetime(2024, 3, 3, 9, 0, tzinfo=UTC)),
    ],
)
def test_published_line_time_zones(line: str, expected: datetime) -> None:
    raw = f"date 2024-03-03 en English\nWorld\n\nA Title Here\n\nBy: Jane Roe\n{line}\nBody text of the report, long enough to read.\n"
    a = article_from_text(raw, origin="x.txt", options=Options())
    assert a.published == expected
    assert a.byline == "Jane Roe" and a.section == "World" and a.title == "A Title Here"
    assert "assumed_utc" not in a.meta


def test_header_date_only_is_assumed_utc() -> None:
    raw = "date 2024-03-03 fr French\nMonde\n\nUn titre\n\nLe corps du texte de la dépêche, assez long pour être lu.\n"
    a = article_from_text(raw, origin="x.txt", options=Options())
    assert a.published == datetime(2024, 3, 3, tzinfo=UTC)
    assert a.meta["assumed_utc"] == ["published"]
    assert a.language == "fr" and a.section == "Monde" and a.title == "Un titre"


def test_many_reports_in_one_text_file(tmp_path: Path, seed_path: Path) -> None:
    seed = seed_path.read_text(encoding="utf-8")
    other = "date 2024-01-02 en English\nWorld\n\nSecond Report\n\nBy: A. Writer\nThe second report has a body of its own.\n"
    path = tmp_path / "many.txt"
    path.write_text(seed + "\n" + other + seed, encoding="utf-8")
    items = list(read_inputs([str(path)], Options()))
    assert all(isinstance(i, Article) for i in items), items
    assert [a.title for a in items] == [  # type: ignore[union-attr]
        "Escalating Tensions: Russia Retaliates with Missile Strikes on Kharkiv",
        "Second Report",
        "Escalating Tensions: Russia Retaliates with Missile Strikes on Kharkiv",
    ]
    assert items[0].id == items[2].id  # type: ignore[union-attr]
    assert items[1].origin == f"{path}#2"  # type: ignore[union-attr]


def test_layout_spans_units() -> None:
    from newsdesk.ingest.build import layout_spans

    pars = [
        "Floods hit the north of the country on Monday, killing at least 12 people, officials said.",
        "Rescue Efforts Continue",
        "Teams searched the river banks through the night, the regional emergency service said in a statement.",
        "By Monday evening the water had started to fall.",
        "He was 45.",
        "By Jane Roe in Kyiv",
        "Floods Weather",
    ]
    text = "\n\n".join(pars)
    got = {(text[s.start : s.end], s.label) for s in layout_spans(text, None)}
    assert got == {
        ("Rescue Efforts Continue", "subhead"),
        ("By Jane Roe in Kyiv", "byline"),
        ("Floods Weather", "tagline"),
    }


def test_list_items_are_content_not_layout() -> None:
    from newsdesk.ingest.build import layout_spans

    pars = [
        "Russian strikes hit Kharkiv overnight, regional officials said on Sunday morning.",
        "- At least 22 people injured in Kharkiv",
        "Emergency crews worked through the night to reach people trapped under the rubble.",
        "• Two boys among the wounded",
    ]
    text = "\n\n".join(pars)
    assert layout_spans(text, None) == []


def test_crlf_and_bom_give_the_same_article(tmp_path: Path, seed_path: Path, seed: Article) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + raw.replace("\n", "\r\n").encode("utf-8"))
    again = _only_article(list(read_inputs([str(path)], Options())))
    assert (again.id, again.text, again.published, again.section) == (seed.id, seed.text, seed.published, seed.section)
    assert again.layout == seed.layout and again.boilerplate == seed.boilerplate
