"""Near-duplicates: wire copies and light rewrites link to the first copy; different reports
of one event do not; the index round-trips and forgets closed stories."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from newsdesk.options import Options
from newsdesk.records import Article
from newsdesk.stories import assign_stories, new_state
from newsdesk.stories.dedup import DuplicateIndex
from newsdesk.stories.features import article_features

T0 = datetime(2024, 5, 2, 6, 0, tzinfo=UTC)
WIRE = ("KYIV, May 2 (Reuters) - Russian forces launched 18 drones and two ballistic missiles at Ukraine "
        "overnight, the air force said on Thursday, adding that air defences destroyed 15 of the drones over "
        "the Kharkiv, Sumy and Poltava regions. Regional officials said two people were wounded in Kharkiv, "
        "where debris damaged a school and several homes. There was no immediate comment from Moscow.")
REWRITE = WIRE.replace("launched 18 drones", "fired 18 drones").replace("There was no immediate comment from Moscow.",
                                                                        "Moscow did not comment.")
OTHER_REPORT = ("Ukraine's air defence shot down most of a wave of Russian drones overnight, officials in "
                "Kharkiv said, while a school and homes were damaged by falling debris and two people hurt.")


def _sig(index: DuplicateIndex, text: str):
    return index.signature(article_features(Article(id="x", text=text)).shingles)


def test_rewrite_found_and_other_report_not():
    index = DuplicateIndex(threshold=0.7)
    index.add("wire", _sig(index, WIRE))
    hit = index.find(_sig(index, REWRITE))
    assert hit is not None and hit[0] == "wire" and hit[1] >= 0.7
    assert index.find(_sig(index, OTHER_REPORT)) is None
    assert index.find(index.signature([])) is None  # too short to judge


def test_index_round_trip_and_remove():
    index = DuplicateIndex(threshold=0.7)
    index.add("wire", _sig(index, WIRE))
    again = DuplicateIndex.from_dict(json.loads(json.dumps(index.to_dict())))
    assert again.find(_sig(again, REWRITE))[0] == "wire"
    again.remove(["wire"])
    assert len(again) == 0 and again.find(_sig(again, REWRITE)) is None


def test_copies_link_to_the_first_copy_and_share_its_story():
    arts = [
        Article(id="copy2", text=REWRITE, published=T0 + timedelta(minutes=40), source="b"),
        Article(id="first", text=WIRE, published=T0, source="a"),
        Article(id="copy1", text=WIRE, published=T0 + timedelta(minutes=5), source="c"),
        Article(id="own", text=OTHER_REPORT, published=T0 + timedelta(minutes=50), source="d"),
    ]
    assigned, stories, state = assign_stories(arts, new_state(Options()), Options(), now=T0 + timedelta(days=1))
    by = {a.id: a for a in assigned}
    assert by["first"].duplicate_of is None
    assert by["copy1"].duplicate_of == "first" and by["copy2"].duplicate_of == "first"
    assert by["own"].duplicate_of is None
    assert by["copy1"].story == by["copy2"].story == by["first"].story
    assert len(state.duplicates) == 2  # only first copies are indexed
    story = next(s for s in stories if s.id == by["first"].story)
    assert story.sources[:3] == ["a", "c", "b"]  # every outlet that ran the copy counts as a source


def test_first_copies_leave_the_index_after_the_window():
    index = DuplicateIndex(threshold=0.7)
    index.add("old", _sig(index, WIRE), 1000.0)
    index.add("new", _sig(index, OTHER_REPORT), 5000.0)
    assert index.expire(2000.0) == 1 and "old" not in index and "new" in index
    assert index.find(_sig(index, REWRITE)) is None
    again = DuplicateIndex.from_dict(json.loads(json.dumps(index.to_dict())))
    assert again.expire(6000.0) == 1 and len(again) == 0  # the times survive a round trip


def test_a_copy_after_the_window_is_not_linked():
    opts = Options().replace("stories", dedup_hours=2.0)
    arts = [Article(id="first", text=WIRE, published=T0, source="a"),
            Article(id="soon", text=WIRE, published=T0 + timedelta(hours=1), source="b"),
            Article(id="late", text=WIRE, published=T0 + timedelta(hours=5), source="c")]
    assigned, _, _ = assign_stories(arts, new_state(opts), opts, now=T0 + timedelta(days=1))
    by = {a.id: a for a in assigned}
    assert by["soon"].duplicate_of == "first" and by["late"].duplicate_of is None
    assert by["late"].story == by["first"].story  # still the same story, found by similarity
