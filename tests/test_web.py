"""The dashboard in a real browser: Debian's Chromium driven by Playwright, against a server on
127.0.0.1 over a database built from the shared real texts. Every page is loaded, used, checked
against the API's answers, and saved as a screenshot in test-artifacts/ (look at them)."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest
from test_api_support import build_db, live_server, options_for

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists(),
                                reason="Debian's chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def base_url(shared, tmp_path_factory):
    db = build_db(shared, tmp_path_factory.mktemp("web"))
    with live_server(options_for(db)) as url:
        yield url


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": 1280, "height": 900})
        yield context
        context.close()


@pytest.fixture()
def page(browser_context, base_url):
    """A fresh tab that records console errors and refuses (and records) any request off loopback."""
    tab = browser_context.new_page()
    tab.errors = []  # type: ignore[attr-defined]
    tab.offsite = []  # type: ignore[attr-defined]
    tab.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))

    def guard(route):
        if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost"):
            return route.continue_()
        tab.offsite.append(route.request.url)
        return route.abort()

    tab.route("**/*", guard)
    yield tab
    assert tab.errors == [], f"errors in the page's console: {tab.errors}"
    assert tab.offsite == [], f"the page asked for off-machine resources: {tab.offsite}"
    tab.close()


def shot(page, name: str, *, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def api(base_url: str, path: str, **params):
    r = httpx.get(base_url + path, params=params, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()


def test_front_page_lists_breaking_and_latest_stories(page, base_url):
    breaking = api(base_url, "/stories", breaking="true", limit=6)["items"]
    latest = api(base_url, "/stories", limit=20)["items"]
    assert breaking and latest
    page.goto(base_url + "/")
    page.wait_for_selector("#latest article.card")
    assert page.locator("#breaking article.card").count() == len(breaking)
    assert page.locator("#latest article.card").count() == len(latest)
    shown = page.locator("#latest article.card").evaluate_all("cards => cards.map(c => c.dataset.story)")
    assert shown == [s["id"] for s in latest]
    first = page.locator("#breaking article.card").first
    assert first.locator("h3 a").inner_text() == breaking[0]["title"]
    meta = first.locator(".meta").inner_text()
    assert f"{breaking[0]['reports']} reports" in meta
    assert "updated" in page.locator("#status").inner_text()
    shot(page, "front")


def test_front_page_filters_by_event_type(page, base_url):
    events = api(base_url, "/events", limit=500)["items"]
    kind = max({e["type"] for e in events}, key=lambda t: sum(e["type"] == t for e in events))
    expected = api(base_url, "/stories", event_type=kind, limit=20)["items"]
    page.goto(base_url + "/")
    page.wait_for_selector("#latest article.card")
    page.select_option("#event-type", kind)
    page.click("#filters button[type=submit]")
    page.wait_for_function("n => document.querySelectorAll('#latest article.card').length === n", arg=len(expected))
    shown = page.locator("#latest article.card").evaluate_all("cards => cards.map(c => c.dataset.story)")
    assert shown == [s["id"] for s in expected]
    assert f"event_type={kind}" in page.url


def test_story_page_shows_ledger_and_claim_sentence(page, base_url):
    stories = api(base_url, "/stories", sort="reports", limit=20)["items"]
    details = [api(base_url, f"/stories/{s['id']}") for s in stories]
    story = next(d for d in details if d["ledger"] and any(t["disagreements"] for t in d["ledger"]["tallies"]))
    page.goto(base_url + "/")
    page.wait_for_selector("#latest article.card")
    page.click(f"article.card[data-story='{story['id']}'] h3 a")
    page.wait_for_selector("#ledger article.tally")
    assert page.locator("h1").inner_text().strip().endswith(story["title"])
    tallies = story["ledger"]["tallies"]
    assert page.locator("#ledger article.tally").count() == len(tallies)
    disputed = [t for t in tallies if t["disagreements"]]
    assert page.locator("article.tally.has-disagreement").count() == len(disputed)
    assert page.locator("article.tally.has-disagreement .disagreements li").count() == sum(
        len(t["disagreements"]) for t in disputed)
    assert page.locator("#reports li").count() == len(story["articles"])
    # a claim opens its report with the sentence (and the figure in it) highlighted
    claim = disputed[0]["claims"][0]
    page.click(f"tr.claim[data-claim='{claim['id']}']")
    page.wait_for_selector("#reader mark.sentence")
    article = api(base_url, f"/articles/{claim['article']}")
    assert page.locator("#reader mark.sentence").inner_text() == \
        article["text"][claim["sentence_start"]:claim["sentence_end"]]
    fig = claim["figure"]
    assert page.locator("#reader strong.figure").inner_text() == article["text"][fig["start"]:fig["end"]]
    assert page.locator("#reader .report-text").inner_text().replace("\n", "") == article["text"].replace("\n", "")
    assert page.locator("tr.claim.disputed").count() >= 2
    shot(page, "story")


def test_search_with_snippets_and_filters(page, base_url):
    expected = api(base_url, "/search", q="earthquake", limit=20)
    assert expected["items"]
    page.goto(base_url + "/ui/search")
    page.fill("#q", "earthquake")
    page.click("#search-form button[type=submit]")
    page.wait_for_selector("li.result")
    assert page.locator("li.result").count() == len(expected["items"])
    marks = page.locator("li.result mark").all_inner_texts()
    assert marks and all(m.lower().startswith("earthquake") for m in marks)
    # a filter that matches nothing empties the list
    page.fill("input[name=language]", "ru")
    page.click("#search-form button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('li.result').length === 0")
    assert "nothing found" in page.locator("#status").inner_text()
    page.fill("input[name=language]", "")
    page.click("#search-form button[type=submit]")
    page.wait_for_selector("li.result")
    page.locator("li.result h3 a").first.click()
    page.wait_for_selector("li.result .report-text")
    shot(page, "search")


def test_map_draws_events_on_the_offline_basemap_and_filters_by_date(page, base_url):
    located = api(base_url, "/events", format="geojson", limit=5000)["features"]
    assert located
    page.goto(base_url + "/ui/map")
    page.wait_for_function("() => document.querySelectorAll('#map circle.event').length > 0")
    assert page.locator("#map path.country").count() > 150  # Natural Earth 1:110m: 177 countries
    assert page.locator("#map circle.event").count() == len(located)
    shot(page, "map")
    days = sorted({f["properties"]["day"] for f in located})
    cut = days[len(days) // 2]
    kept = [f for f in located if f["properties"]["day"] >= cut]
    assert 0 < len(kept) < len(located)
    page.fill("#since", cut)
    page.click("#map-filters button[type=submit]")
    page.wait_for_function("n => document.querySelectorAll('#map circle.event').length === n", arg=len(kept))
    shown = page.locator("#map circle.event").evaluate_all("cs => cs.map(c => c.dataset.day)")
    assert min(shown) >= cut
    shot(page, "map-filtered")


def test_timeline_of_a_story(page, base_url):
    story = api(base_url, "/stories", sort="reports", limit=1)["items"][0]
    events = api(base_url, "/events", story=story["id"], limit=2000)["items"]
    figures = api(base_url, "/figures", story=story["id"], limit=2000)["items"]
    page.goto(base_url + "/ui/timeline?story=" + story["id"])
    page.wait_for_selector("li.tl-day")
    assert page.locator("li.tl-event").count() == len(events)
    assert page.locator("li.tl-figure").count() == len(figures)
    assert page.locator("#tl-title").text_content() == "Timeline: " + story["title"]
    days = page.locator("li.tl-day h3").all_inner_texts()
    assert days == sorted(days)
    shot(page, "timeline")


def test_unknown_story_shows_the_error(page, base_url):
    page.goto(base_url + "/ui/story/st_does_not_exist")
    page.wait_for_selector("p.error")
    assert "404" in page.locator("p.error").inner_text()
    page.errors.clear()  # the browser logs the failed fetch (404) on its console: expected here


def test_api_docs_page_lists_every_operation_offline(page, base_url):
    spec = api(base_url, "/openapi.json")
    operations = sum(len(ops) for ops in spec["paths"].values())
    page.goto(base_url + "/docs")
    page.wait_for_selector("section.endpoint")
    assert page.locator("section.endpoint").count() == operations
    assert page.locator("#schema-ErrorBody").count() == 1
    shot(page, "docs", full_page=False)
