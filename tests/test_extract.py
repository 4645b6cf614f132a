"""The extract pipeline and the ``newsdesk extract`` command: contract, offsets, bad input."""

from __future__ import annotations

import io
import json
import math
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.cli import main
from newsdesk.errors import ExtractError
from newsdesk.extract.pipeline import MAX_FIGURE, read_article, read_articles, rebase_article
from newsdesk.ingest.jsonl import article_from_record
from newsdesk.options import Options
from newsdesk.records import Article, Reading, Span


@pytest.fixture(scope="module")
def options() -> Options:
    return Options()


@pytest.fixture(scope="module")
def gazetteer(options: Options):
    from newsdesk.geo.gazetteer import Gazetteer

    return Gazetteer.load(options)


def art(text: str, language: str | None = "en", **kw) -> Article:
    return Article(id=kw.pop("id", "a1"), text=text, language=language,
                   published=kw.pop("published", datetime(2024, 1, 7, 10, tzinfo=UTC)), **kw)


def test_a_short_report_reads_into_places_figures_and_events(options: Options, gazetteer) -> None:
    text = "A missile strike killed five people, including two children, in Kharkiv on Saturday, police said."
    r = read_article(art(text), options, gazetteer=gazetteer)
    assert isinstance(r, Reading) and r.language == "en"
    assert [p.name for p in r.places] == ["Kharkiv"]
    assert len(r.events) == 1
    e = r.events[0]
    assert (e.type, e.place, e.date, e.date_precision) == ("shelling_artillery_missile_attack", 0, "2024-01-06", "day")
    assert e.killed.value == 5  # "including two children" is a part, not more dead
    assert all(f.event == 0 and f.place == 0 for f in r.figures)
    assert any(a.role == "claimant" and a.sector == "police" for a in e.actors)


def test_boilerplate_and_layout_are_not_read(options: Options, gazetteer) -> None:
    text = "Drones hit Odesa overnight, injuring three people.\n\nOur network covers 200 markets in Kyiv."
    blurb = text.index("Our network")
    r = read_article(art(text, boilerplate=[Span(blurb, len(text), "boilerplate")]), options, gazetteer=gazetteer)
    assert all(p.end <= blurb for p in r.places) and all(f.end <= blurb for f in r.figures)
    assert [e.type for e in r.events] == ["air_drone_strike"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("", "en"),
        ("   \n\n  ", "en"),
        ("killed" * 200_000, "en"),  # one 1.2 MB word
        ("Russian troops " * 20_000, "en"),  # actors and nothing else, no sentence end
        ("北京时间昨日，一架无人机在城市上空被击落。" * 20, None),  # a script without resources
        ("ᚠᚢᚦᚨᚱᚲ ᚷᚹᚺᚾᛁᛃ" * 50, None),
        ("1e308 people were killed. 999,999,999,999,999 were injured in Kyiv.", "en"),
        ("NaN people were killed and inf were injured.", "en"),
    ],
)
def test_bad_input_never_crashes_and_gives_no_absurd_figure(text: str, language: str | None, options: Options,
                                                             gazetteer) -> None:
    r = read_article(art(text, language), options, gazetteer=gazetteer)
    for f in r.figures:
        for v in (f.value, f.low, f.high):
            assert v is None or (math.isfinite(v) and abs(v) <= MAX_FIGURE)
    assert all(e.type for e in r.events)


def test_a_regional_language_tag_reads_as_its_language(options: Options, gazetteer) -> None:
    r = read_article(art("Police arrested 12 suspects in Minsk.", "en-US"), options, gazetteer=gazetteer)
    assert r.language == "en" and [e.type for e in r.events] == ["arrests"]


def test_unsupported_language_keeps_places_only(options: Options, gazetteer) -> None:
    r = read_article(art("Des missiles ont frappé Kharkiv, tuant cinq personnes.", "fr"), options, gazetteer=gazetteer)
    assert r.language == "fr" and r.figures == [] and r.events == []


def test_a_failing_article_is_reported_with_its_id_and_the_batch_goes_on(options: Options, gazetteer,
                                                                           monkeypatch) -> None:
    from newsdesk.extract import figures

    real = figures.find_figures

    def flaky(text, sentences, language, options=None):
        if "poison" in text:
            raise RuntimeError("boom")
        return real(text, sentences, language, options)

    monkeypatch.setattr(figures, "find_figures", flaky)
    out = list(read_articles([art("Two people were killed in Kyiv.", id="ok1"),
                              art("poison pill", id="bad"),
                              art("Three were injured in Lviv.", id="ok2")], options, gazetteer=gazetteer))
    assert [type(x).__name__ for x in out] == ["Reading", "ExtractError", "Reading"]
    assert isinstance(out[1], ExtractError) and out[1].article_id == "bad" and "boom" in str(out[1])
    assert [x.id for x in out if isinstance(x, Reading)] == ["ok1", "ok2"]


def test_rebase_puts_back_the_input_text_and_moves_spans(options: Options) -> None:
    raw = "  Two people   were killed in Kharkiv.\r\n\r\n\r\nFollow us on social media for more news today!  "
    a = article_from_record({"text": raw}, origin="t", options=options)
    assert a.text != raw
    a.boilerplate = [Span(a.text.index("Follow"), len(a.text), "boilerplate")]
    b = rebase_article(a, raw)
    assert b.text == raw
    span = b.boilerplate[0]
    assert raw[span.start:span.end] == "Follow us on social media for more news today!"
    # text that differs in more than white space cannot be aligned: spans are dropped, offsets stay exact
    c = rebase_article(a, "Something else entirely")
    assert c.text == "Something else entirely" and c.boilerplate == []


def run_cli(args: list[str], stdin: str | None, capsys, monkeypatch) -> tuple[int, list[dict], str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
    code = main(args)
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


def test_cli_jsonl_on_stdin_offsets_index_the_input_text(capsys, monkeypatch) -> None:
    records = [
        {"id": "r1", "text": "  Two people   were killed\n in Kharkiv when a missile hit a school.",
         "published": "2024-01-07T10:00:00Z"},
        {"id": "r2", "text": "Police arrested 12 suspects in Minsk.", "language": "en"},
    ]
    lines = [json.dumps(r) for r in records]
    lines.insert(1, "{not json")
    code, out, err = run_cli(["extract"], "\n".join(lines) + "\n", capsys, monkeypatch)
    assert code == 1  # one line failed
    assert "<stdin>:2" in err and "not valid JSON" in err
    assert [o["id"] for o in out] == ["r1", "r2"]  # input order, input ids
    for rec, o in zip(records, out):
        assert list(o) == ["id", "language", "places", "figures", "events"]
        for item in o["places"] + o["figures"] + o["events"]:
            assert rec["text"][item["start"]:item["end"]] == item["text"]
    assert [e["type"] for e in out[0]["events"]] == ["shelling_artillery_missile_attack"]
    assert out[0]["events"][0]["killed"] == {"value": 2, "low": 2, "high": 2}
    assert [e["type"] for e in out[1]["events"]] == ["arrests"]


def test_cli_reads_files_of_every_kind(tmp_path: Path, seed_path: Path, capsys, monkeypatch) -> None:
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(json.dumps({"id": "j1", "text": "Drones hit Odesa, injuring three people."}) + "\n", "utf-8")
    html = tmp_path / "page.html"
    html.write_text("<html><body><article><p>Gunmen kidnapped 12 students in Kaduna on Monday, police said. "
                    "The students were taken from their school.</p></article></body></html>", "utf-8")
    code, out, err = run_cli(["extract", str(seed_path), str(jsonl), str(html), str(tmp_path / "missing.txt")],
                             None, capsys, monkeypatch)
    assert code == 1 and "missing.txt" in err
    assert len(out) == 3 and out[1]["id"] == "j1"
    assert len(out[0]["events"]) == 5  # the seed
    assert [e["type"] for e in out[1]["events"]] == ["air_drone_strike"]
    assert "abduction_forced_disappearance" in [e["type"] for e in out[2]["events"]]
