"""The public Python API, pinned (httpx's test_exported_members): adding or removing a public
name is a deliberate act that shows up here; every pinned name resolves to a real object."""

from __future__ import annotations

import importlib

import pytest

PUBLIC = {
    "newsdesk": ["Article", "Event", "Figure", "NewsdeskError", "Options", "Place", "Reading", "Story",
                 "__version__"],
    "newsdesk.records": ["Actor", "Article", "Claim", "Claimant", "Count", "DATE_PRECISIONS", "EVENT_TYPES",
                         "Event", "FIGURE_CATEGORIES", "Figure", "Ledger", "Place", "QUALIFIERS", "Reading",
                         "STANCES", "Sentence", "Span", "Story", "StoryAssignment", "Tally", "to_jsonable"],
    "newsdesk.errors": ["ConfigError", "ExtractError", "FetchError", "FormatError", "GazetteerError", "InputError",
                        "NewsdeskError", "StoreError"],
    "newsdesk.options": ["ExtractOptions", "FeedOptions", "GeoOptions", "IngestOptions", "LedgerOptions", "Options",
                         "ReadOptions", "ServeOptions", "StoreOptions", "StoryOptions", "load_options"],
    "newsdesk.ingest": ["read_inputs", "read_stream"],
    "newsdesk.geo": ["Entry", "Gazetteer", "HomeRegion", "find_places", "home_from_url", "infer_home"],
    "newsdesk.extract": ["find_actors", "find_events", "read_article", "read_articles", "read_events",
                         "rebase_article"],
    "newsdesk.stories": ["StoryState", "Weights", "assign_stories", "new_state", "state_from_dict", "story_record"],
    "newsdesk.ledger": ["Interval", "LedgerUpdate", "build_ledger", "claims_from_reading", "compatible",
                        "fold_claims", "interval_of", "tally_group", "update_ledger"],
    "newsdesk.store": ["AddResult", "ArticleQuery", "SearchHit", "Store", "open_store"],
    "newsdesk.api": ["create_app", "serve"],
    "newsdesk.runner": ["EventHandler", "IngestSummary", "Stage", "ingest", "store_articles"],
    "newsdesk.stages": ["LaterStages", "STAGE_NAMES"],
}


@pytest.mark.parametrize("module", sorted(PUBLIC))
def test_public_names_are_pinned_and_resolve(module):
    mod = importlib.import_module(module)
    assert sorted(mod.__all__) == sorted(PUBLIC[module])
    for name in mod.__all__:
        assert getattr(mod, name) is not None, f"{module}.{name}"


def test_every_error_is_a_newsdesk_error():
    from newsdesk import errors

    for name in errors.__all__:
        assert issubclass(getattr(errors, name), errors.NewsdeskError), name
