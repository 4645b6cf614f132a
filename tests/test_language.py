"""Language identification (py3langid, offline)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.read.language import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia launched dozens of drones at Kharkiv overnight, local officials said on Sunday.", "en"),
        ("Россия атаковала Харьков беспилотниками в ночь на воскресенье, сообщили местные власти.", "ru"),
        ("Росія атакувала Харків безпілотниками в ніч на неділю, повідомили місцеві чиновники.", "uk"),
        ("La Russie a lancé des dizaines de drones sur Kharkiv dans la nuit, selon les autorités locales.", "fr"),
        ("Russland hat in der Nacht Dutzende Drohnen auf Charkiw abgefeuert, teilten die Behörden mit.", "de"),
        ("Rusia lanzó decenas de drones contra Járkov durante la noche, dijeron las autoridades locales.", "es"),
    ],
)
def test_detects_news_languages(text: str, lang: str) -> None:
    got, confidence = detect_language(text)
    assert got == lang
    assert 0.5 <= confidence <= 1.0


@pytest.mark.parametrize("text", ["", "   ", "12 345 -- 6.7", "\n\n"])
def test_undecidable(text: str) -> None:
    assert detect_language(text) == (None, 0.0)


def test_real_english_reports(bench_dir: Path) -> None:
    with open(bench_dir / "geo_lgl.jsonl", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for _, line in zip(range(200), fh)]
    results = [detect_language(t) for t in texts]
    english = sum(1 for lang, _ in results if lang == "en")
    assert english >= 0.98 * len(texts)
    assert sum(c for _, c in results) / len(results) > 0.9
