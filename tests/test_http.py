"""The polite fetcher against the loopback feed server (and a mock transport for the clock)."""

from __future__ import annotations

import itertools

import httpx
import pytest
from feedserver import FeedServer, build_site, wikinews_items

from newsdesk.errors import FetchError
from newsdesk.ingest.http import Fetcher, human_bytes
from newsdesk.options import FeedOptions


@pytest.fixture(scope="module")
def site_server(bench_dir):
    items = wikinews_items(bench_dir, 3)
    with FeedServer() as server:
        site = build_site(server, items, slow_seconds=5.0, big_bytes=300 * 1024, redirect_chain=7)
        yield server, site


def fast(**kw) -> FeedOptions:
    base = {"per_host_delay": 0.0, "timeout": 5.0}
    base.update(kw)
    return FeedOptions(**base)


def test_fetch_returns_body_headers_and_sends_user_agent(site_server):
    server, site = site_server
    with Fetcher(fast(user_agent="newsdesk-test/1")) as f:
        r = f.fetch(server.url(site.rss))
    assert r.status == 200 and not r.not_modified
    assert r.content_type == "application/rss+xml"
    assert r.body.startswith(b"<?xml") and b"<rss" in r.body
    assert r.etag and r.last_modified
    assert server.requests_for(site.rss)[-1].headers["user-agent"] == "newsdesk-test/1"


def test_conditional_get_gives_not_modified(site_server):
    server, site = site_server
    with Fetcher(fast()) as f:
        first = f.fetch(server.url(site.rss))
        by_etag = f.fetch(server.url(site.rss), etag=first.etag)
        by_date = f.fetch(server.url(site.rss), last_modified=first.last_modified)
        stale = f.fetch(server.url(site.rss), etag='"not-the-etag"')
    assert by_etag.not_modified and by_etag.status == 304 and by_etag.body == b""
    assert by_date.not_modified
    assert not stale.not_modified and stale.body == first.body
    sent = server.requests_for(site.rss)[-3]
    assert sent.headers["if-none-match"] == first.etag


def test_timeout_names_url_and_cause(site_server):
    server, site = site_server
    url = server.url(site.faults["slow"])
    with Fetcher(fast(timeout=0.4)) as f, pytest.raises(FetchError) as err:
        f.fetch(url)
    assert err.value.source == url
    assert err.value.cause == "timed out after 0.4 s"


@pytest.mark.parametrize("fault,cause", [("404", "HTTP 404 Not Found"), ("500", "HTTP 500 Internal Server Error")])
def test_http_error_status(site_server, fault, cause):
    server, site = site_server
    url = server.url(site.faults[fault])
    with Fetcher(fast()) as f, pytest.raises(FetchError) as err:
        f.fetch(url)
    assert str(err.value) == f"{url}: {cause}"


def test_redirect_loop_is_detected(site_server):
    server, site = site_server
    url = server.url(site.faults["loop"])
    with Fetcher(fast(max_redirects=20)) as f, pytest.raises(FetchError) as err:
        f.fetch(url)
    assert err.value.source == url
    assert err.value.cause.startswith("redirect loop (")
    assert "loop-b.rss" in err.value.cause
    # the loop is seen on the second hop, not after exhausting the cap
    assert len(server.requests_for("/fault/loop-a.rss")) + len(server.requests_for("/fault/loop-b.rss")) <= 3


def test_redirect_chain_bounded_and_followed(site_server):
    server, site = site_server
    url = server.url(site.faults["chain"])
    with Fetcher(fast(max_redirects=5)) as f, pytest.raises(FetchError) as err:
        f.fetch(url)
    assert err.value.cause.startswith("more than 5 redirects")
    with Fetcher(fast(max_redirects=7)) as f:
        r = f.fetch(url)
    assert r.status == 200 and r.url.endswith("/fault/chain-7.rss")
    assert len(r.redirects) == 7 and r.redirects[0] == url


@pytest.mark.parametrize("fault", ["big", "big_stream"])
def test_size_cap(site_server, fault):
    server, site = site_server
    url = server.url(site.faults[fault])
    with Fetcher(fast(max_bytes=100 * 1024)) as f, pytest.raises(FetchError) as err:
        f.fetch(url)
    assert err.value.source == url
    assert err.value.cause.startswith("response larger than 100 kB")
    with Fetcher(fast(max_bytes=1024**2)) as f:
        assert len(f.fetch(url).body) == 300 * 1024


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "feed.rss", "http:///nohost"])
def test_only_http_urls(url):
    with Fetcher(fast()) as f, pytest.raises(FetchError) as err:
        f.fetch(url)
    assert err.value.source == url
    assert f.requests == 0


def test_redirect_to_other_scheme_refused(site_server):
    server, _ = site_server
    server.add_redirect("/fault/to-file", "file:///etc/passwd")
    with Fetcher(fast()) as f, pytest.raises(FetchError) as err:
        f.fetch(server.url("/fault/to-file"))
    assert "only http and https" in err.value.cause


def test_per_host_delay_with_a_fake_clock():
    now = [100.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(round(s, 6))
        now[0] += s

    def app(request: httpx.Request) -> httpx.Response:
        now[0] += 0.25  # each request takes a quarter second
        return httpx.Response(200, text="ok")

    opts = FeedOptions(per_host_delay=1.0)
    with Fetcher(opts, transport=httpx.MockTransport(app), clock=lambda: now[0], sleep=sleep) as f:
        f.fetch("http://a.test/1")
        f.fetch("http://a.test/2")  # 0.25 s after the first started: waits 0.75 s
        f.fetch("http://b.test/1")  # another host: no wait
        f.fetch("https://a.test/3")  # another port is another host key
        f.fetch("http://a.test/4")  # 0.75 s after a.test/2 started: waits 0.25 s
    assert slept == [0.75, 0.25]


def test_per_host_delay_spaces_real_requests(site_server):
    server, site = site_server
    delay = 0.3
    server.clear_log()
    with Fetcher(fast(per_host_delay=delay)) as f:
        for it in site.items:
            f.fetch(server.url(it.path))
    times = [r.time for r in server.log]
    assert len(times) == len(site.items)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert all(g >= delay * 0.95 for g in gaps), gaps


def test_human_bytes():
    assert human_bytes(10 * 1024**2) == "10 MB"
    assert human_bytes(1536) == "1.5 kB"
    assert human_bytes(12) == "12 bytes"
