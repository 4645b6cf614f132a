"""Sentence splitting: abbreviations, initials, quotes, decimals, paragraphs, glued sentences."""

from __future__ import annotations

import json

import pytest

from newsdesk.read.sentences import split_sentences


def texts(text: str, lang: str | None = "en") -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text, lang)]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Gen. Smith met Mr. J. Doe in the U.S. capital on Jan. 5. They talked."
    assert texts(text) == ["Gen. Smith met Mr. J. Doe in the U.S. capital on Jan. 5.", "They talked."]


def test_decimals_and_lower_case_continuations() -> None:
    assert texts("Prices rose 12.5 percent. Approx. five left. Then it ended!") == [
        "Prices rose 12.5 percent.", "Approx. five left.", "Then it ended!"]


def test_quotes_close_the_sentence() -> None:
    assert texts('He said: "We will stay." Then he left.') == ['He said: "We will stay."', "Then he left."]


def test_paragraph_breaks_and_wrapped_lines() -> None:
    text = "A heading\n\nThe first paragraph goes on\nover a wrapped line.\nA second line"
    assert texts(text) == ["A heading", "The first paragraph goes on\nover a wrapped line.", "A second line"]


def test_glued_sentences_split() -> None:
    assert texts("There were no casualties.In the afternoon 11 people died.") == [
        "There were no casualties.", "In the afternoon 11 people died."]


def test_russian_and_ukrainian_abbreviations() -> None:
    assert texts("Погибли 3 человека, 12 тыс. ранены. Ген. штаб сообщил.", "ru") == [
        "Погибли 3 человека, 12 тыс. ранены.", "Ген. штаб сообщил."]
    assert texts("У 2023 р. загинули троє. Вул. Сумська постраждала.", "uk") == [
        "У 2023 р. загинули троє.", "Вул. Сумська постраждала."]


def test_all_lower_case_text_still_splits() -> None:
    text = "the army denied it today.    a report published by the agency says otherwise."
    assert texts(text) == ["the army denied it today.", "a report published by the agency says otherwise."]


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "no punctuation at all", "...", "word " * 10000])
def test_edge_cases(text: str) -> None:
    spans = split_sentences(text, None)
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end].strip() == text[s.start:s.end]


def test_spans_are_ordered_trimmed_and_cover_every_word(bench_dir) -> None:
    with open(bench_dir / "geo_geovirus.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh][:60]
    for row in rows:
        text = row["text"]
        spans = split_sentences(text, "en")
        assert spans
        last = 0
        for s in spans:
            assert last <= s.start < s.end <= len(text)
            assert not text[s.start].isspace() and not text[s.end - 1].isspace()
            assert text[last:s.start].strip() == ""  # nothing but white space between sentences
            last = s.end
        assert text[last:].strip() == ""
