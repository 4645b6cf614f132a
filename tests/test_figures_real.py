"""Figures on real texts from ../shared/bench: properties that must hold for every article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.extract.figures import find_figures
from newsdesk.options import Options
from newsdesk.read.numbers import MAX_VALUE, find_numbers
from newsdesk.read.sentences import split_sentences
from newsdesk.records import FIGURE_CATEGORIES, QUALIFIERS, STANCES


def _texts(bench_dir: Path) -> list[tuple[str, str]]:
    out = []
    for name, key in (("wikievents_dev.jsonl", "text"), ("muc4_dev.jsonl", "doctext"), ("geo_geovirus.jsonl", "text")):
        with open(bench_dir / name, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                out.append((f"{name}#{i + 1}", json.loads(line)[key]))
    return out


@pytest.fixture(scope="module")
def readings(bench_dir: Path):
    out = []
    for origin, text in _texts(bench_dir):
        sentences = split_sentences(text, "en")
        out.append((origin, text, sentences, find_figures(text, sentences, "en", Options())))
    return out


def test_the_sets_give_figures(readings) -> None:
    with_figures = sum(1 for *_, figs in readings if figs)
    assert len(readings) > 400
    assert with_figures >= 0.2 * len(readings)


def test_every_figure_is_well_formed(readings) -> None:
    for origin, text, _, figures in readings:
        for i, f in enumerate(figures):
            where = f"{origin} figure {i} {f.text!r}"
            assert 0 <= f.start < f.end <= len(text), where
            assert text[f.start:f.end] == f.text, where
            assert f.category in FIGURE_CATEGORIES and f.qualifier in QUALIFIERS and f.stance in STANCES, where
            for v in (f.value, f.low, f.high):
                assert v is None or 0 <= v <= MAX_VALUE, where
            if f.low is not None and f.high is not None:
                assert f.low <= f.high, where
            if f.value is None:
                assert f.low is not None or f.high is not None or f.stance == "revised", where
            if f.part_of is not None:
                whole = figures[f.part_of]
                assert f.part_of != i and (whole.value is None or f.value is None or f.value <= whole.value), where
            if f.claimant is not None:
                c = f.claimant
                assert text[c.start:c.end] == c.text and c.text.strip() == c.text, where
                assert c.country is None or (len(c.country) == 2 and c.country.isupper()), where


def test_no_figure_counts_a_year_date_time_or_percentage(readings) -> None:
    for origin, text, _, figures in readings:
        for f in figures:
            if f.value is None and f.qualifier in ("vague", "range") or f.stance == "revised" and f.value is None:
                continue
            if f.value == 1 and f.text.split()[0].lower() in ("a", "an"):
                continue  # "a man was killed", "among them ... a security adviser": the article counts one
            if f.value == 0 and f.text.split()[0].lower() in ("no", "none", "nobody", "no-one"):
                continue  # "no casualties", "no one was killed": an explicit zero
            if f.value == 2 and f.text.split()[0].lower() == "both":
                continue  # "both were kidnapped": a pair word counts two
            kinds = {m.kind for m in find_numbers(text, "en", start=f.start, end=f.end)}
            assert "count" in kinds, f"{origin} {f.text!r} {kinds}"
            if isinstance(f.value, int) and 1900 <= f.value <= 2100 and "," not in f.text:
                # a four-digit figure must be followed by what it counts, never stand alone as a year
                assert f.subject is not None and len(f.text) > 4, f"{origin} {f.text!r}"


def test_figures_lie_in_one_sentence(readings) -> None:
    for origin, text, sentences, figures in readings:
        for f in figures:
            assert any(s.start <= f.start and f.end <= s.end for s in sentences), f"{origin} {f.text!r}"


def test_absurd_numbers_added_to_real_texts_give_no_figure(readings) -> None:
    for origin, text, _, _ in readings[:50]:
        noisy = text + " Officials said 1e308 people and 999,999,999,999,999 soldiers were killed."
        figures = find_figures(noisy, split_sentences(noisy, "en"), "en", Options())
        assert all(f.value is None or f.value <= MAX_VALUE for f in figures), origin
        assert not any(f.start >= len(text) and f.value not in (None,) and f.value > MAX_VALUE for f in figures)


def test_reading_is_deterministic(readings) -> None:
    for origin, text, sentences, figures in readings[:40]:
        assert find_figures(text, sentences, "en", Options()) == figures, origin
