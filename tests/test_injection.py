"""Article text is untrusted. A report whose title, body, source and URL carry script and HTML
injection attempts is posted to a live server (through POST /articles and the pipeline), then
every dashboard page that shows it is opened in Chromium: nothing runs, no element is injected,
and the text is shown literally."""

from __future__ import annotations

import httpx
import pytest
from test_api_support import build_db, live_server, options_for
from test_web import ARGS, ARTIFACTS, CHROMIUM, pytestmark  # noqa: F401 - same browser, same skip rule

KEY = "injection-key"
TITLE = ('Blast kills 9 <script>window.__pwned = "title"</script>'
         '<img src=x onerror="window.__pwned=\'img\'"> in Springfield')
TEXT = ("At least 9 people were killed in a blast in Springfield <script>window.__pwned='body'</script> on Monday, "
        "police said. <img src=x onerror=\"window.__pwned='body-img'\"> Another 14 people were injured, "
        "officials said. </textarea></mark><svg onload=\"window.__pwned='svg'\"></svg> "
        "\"><iframe src=\"javascript:window.__pwned='iframe'\"></iframe> The blast hit the market at noon. "
        "<a href=\"javascript:window.__pwned='link'\" id=\"evil-link\">click</a> {{7*7}} ${7*7} "
        "Police said 9 people were killed and 14 injured.")
SOURCE = "<b onmouseover=\"window.__pwned='source'\">evil.example</b>"
INJECTED = "img[src='x'], svg[onload], iframe, #evil-link, b[onmouseover], script:not([src])"


@pytest.fixture(scope="module")
def served(shared, tmp_path_factory):
    db = build_db(shared, tmp_path_factory.mktemp("injection"))
    options = options_for(db, api_key=KEY)
    with live_server(options) as url:
        r = httpx.post(url + "/articles", headers={"X-API-Key": KEY}, timeout=60, json={
            "title": TITLE, "text": TEXT, "source": SOURCE, "published": "2024-03-05T12:00:00Z",
            "url": "https://evil.example/report?<script>alert(1)</script>"})
        assert r.status_code == 201, r.text
        article = r.json()["items"][0]["id"]
        detail = httpx.get(url + f"/articles/{article}").json()
        yield url, detail


def test_the_api_keeps_the_text_as_given(served):
    _, detail = served
    assert detail["title"] == TITLE and "<script>" in detail["text"] and detail["story"]


def test_no_injection_runs_on_any_page(served, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    url, detail = served
    story = detail["story"]
    pages = [("/", "front"), (f"/ui/story/{story}", "story"), ("/ui/search?q=Springfield", "search"),
             (f"/ui/timeline?story={story}", "timeline"), ("/ui/map", "map")]
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": 1280, "height": 900})
        dialogs: list[str] = []
        try:
            page = context.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for path, name in pages:
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                if name == "front":
                    card = page.locator(f"article.card[data-story='{story}']")
                    assert card.count() >= 1
                    assert card.first.locator("h3 a").text_content() == TITLE  # literally, tags and all
                    card.first.hover()
                if name == "story":
                    page.wait_for_selector("#reports li")
                    assert page.locator("h1").text_content().endswith(TITLE)
                    assert SOURCE in page.locator("#reports").text_content()
                    if page.locator("tr.claim").count():
                        page.locator("tr.claim").first.click()
                        page.wait_for_selector("#reader mark.sentence")
                    else:
                        page.locator(f"a[data-article='{detail['id']}']").click()
                        page.wait_for_selector("#reader .report-text")
                    assert page.locator("#reader .report-text").text_content() == TEXT
                    original = page.locator("#reader a", has_text="original")
                    if original.count():
                        assert original.get_attribute("href").startswith("https://evil.example/")
                if name == "search":
                    page.wait_for_selector("li.result")
                    assert TITLE in page.locator("#results").text_content()
                    page.locator(f"li.result[data-article='{detail['id']}'] h3 a").click()
                    page.wait_for_selector("li.result .report-text")
                if name == "timeline":
                    page.wait_for_selector("li.tl-day")
                assert page.evaluate("() => window.__pwned") is None, f"injected code ran on {path}"
                assert page.locator(INJECTED).count() == 0, f"markup from the report became elements on {path}"
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"injection-{name}.png"), full_page=True)
        finally:
            context.close()
    assert dialogs == []
