"""Feeds over HTTP: RSS/Atom items followed to their pages, OPML lists, conditional polls, faults.

Everything runs against the loopback feed server (``tests/feedserver.py``) serving real
Wikinews reports from ``../shared/bench/geo_geovirus.jsonl``.
"""

from __future__ import annotations

import itertools
import threading
from datetime import UTC, datetime

import pytest
from feedserver import (
    FeedServer,
    LoopbackGuard,
    article_html,
    atom_feed,
    build_site,
    opml_doc,
    rss_feed,
    wikinews_items,
)

from newsdesk.errors import FetchError, InputError
from newsdesk.ingest.feeds import NOT_A_FEED, html_to_text, parse_feed, poll_feed, read_url, sniff
from newsdesk.ingest.http import Fetcher
from newsdesk.options import Options
from newsdesk.records import Article

N_ITEMS = 5


@pytest.fixture(scope="module")
def items(bench_dir):
    return wikinews_items(bench_dir, N_ITEMS)


@pytest.fixture()
def site(items):
    with FeedServer() as server:
        yield server, build_site(server, items, slow_seconds=5.0, big_bytes=256 * 1024)


@pytest.fixture()
def guard():
    with LoopbackGuard() as g:
        yield g
    assert g.attempts == [], f"requests left 127.0.0.1: {g.attempts}"


@pytest.fixture()
def html_reader():
    return pytest.importorskip("newsdesk.ingest.html", reason="the HTML reader has not landed yet")


def opts(**feeds) -> Options:
    base = {"per_host_delay": 0.0, "timeout": 5.0}
    base.update(feeds)
    return Options().replace("feeds", **base)


def split(results):
    arts = [r for r in results if isinstance(r, Article)]
    errs = [r for r in results if isinstance(r, InputError)]
    assert len(arts) + len(errs) == len(results)
    return arts, errs


def first_words(text: str, n: int = 8) -> str:
    return " ".join(text.split()[:n])


# --- units on hand-written documents -----------------------------------------------------------


@pytest.mark.parametrize("body,ctype,kind", [
    (b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', "text/plain", "feed"),
    (b'\xef\xbb\xbf<?xml version="1.0"?><!-- c --><feed xmlns="http://www.w3.org/2005/Atom"/>', "", "feed"),
    (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"/>', "", "feed"),
    (b'<?xml version="1.0"?><opml version="2.0"><body/></opml>', "application/xml", "opml"),
    (b"<!DOCTYPE html>\n<html><body>x</body></html>", "application/rss+xml", "html"),
    (b"just words", "text/html; charset=utf-8", "html"),
    (b"just words", "application/atom+xml", "feed"),
    (b"\x00\x01\x02", "application/octet-stream", "other"),
])
def test_sniff(body, ctype, kind):
    assert sniff(body, ctype) == kind


def test_parse_rss_keeps_offsets_and_fields():
    doc = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
      <item><title>  A  title </title><link>/a/1.html</link><guid isPermaLink="false">g1</guid>
        <pubDate>Sun, 31 Dec 2023 05:32:00 -0500</pubDate><author>a@b.c (Ann Lee)</author>
        <description>&lt;p&gt;First para.&lt;/p&gt;&lt;p&gt;Second &lt;b&gt;para&lt;/b&gt;.&lt;/p&gt;</description></item>
      <item><title>No link</title><description>Only text</description></item>
    </channel></rss>"""
    feed = parse_feed(doc, "http://news.test/feed.xml")
    assert feed.title == "Wire" and feed.version == "rss20"
    a, b = feed.items
    assert a.link == "http://news.test/a/1.html"  # relative link resolved against the feed URL
    assert a.title == "A title"
    assert a.published == datetime(2023, 12, 31, 10, 32, tzinfo=UTC)
    assert a.published.utcoffset().total_seconds() == -5 * 3600  # the offset is kept
    assert a.text == "First para.\n\nSecond para."
    assert a.guid == "g1"
    assert b.link is None and b.text == "Only text"


def test_parse_atom_prefers_content_over_summary():
    doc = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><title>E</title><link rel="alternate" href="http://x.test/e"/><id>urn:e</id>
      <updated>2024-01-02T03:04:05+02:00</updated><summary>short</summary>
      <content type="html">&lt;p&gt;The full text.&lt;/p&gt;</content></entry></feed>"""
    feed = parse_feed(doc, "http://x.test/atom")
    (e,) = feed.items
    assert feed.version == "atom10"
    assert e.text == "The full text."
    assert e.updated == datetime(2024, 1, 2, 1, 4, 5, tzinfo=UTC)
    assert e.published is None


@pytest.mark.parametrize("body", [b"", b"hello world", b"<html><body><p>page</p></body></html>",
                                  b"<?xml version='1.0'?><rss><channel><item><title>x</ti"])
def test_parse_feed_refuses_non_feeds(body):
    with pytest.raises(FetchError) as err:
        parse_feed(body, "http://x.test/f")
    assert err.value.source == "http://x.test/f"
    assert err.value.cause.startswith(NOT_A_FEED[:-1])


def test_parse_feed_never_opens_what_the_body_names(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_bytes(b'<rss version="2.0"><channel><item><title>leak</title></item></channel></rss>')
    with pytest.raises(FetchError):
        parse_feed(str(secret).encode(), "http://x.test/f")  # bytes naming a file are not a feed


def test_html_to_text():
    assert html_to_text("<p>One <i>two</i>.</p><ul><li>a</li><li>b</li></ul><script>x()</script>") == \
        "One two.\n\na\n\nb"
    assert html_to_text("plain  text") == "plain text"


# --- against the loopback server -------------------------------------------------------------


def test_feed_items_without_following_links(site, items, guard):
    server, s = site
    arts, errs = split(list(read_url(server.url(s.rss), opts(follow_links=False))))
    assert errs == []
    assert [a.title for a in arts] == [it.title for it in items]
    assert all(a.meta["text_from"] == "feed item" for a in arts)
    assert [a.published for a in arts] == [it.published for it in items]
    for a, it in zip(arts, items):
        assert a.text == it.paragraphs()[0]
    # only the feed was requested
    assert {r.path for r in server.log} == {s.rss}


@pytest.mark.parametrize("which", ["rss", "atom"])
def test_feed_items_followed_to_their_pages(site, items, guard, html_reader, which):
    server, s = site
    url = server.url(getattr(s, which))
    arts, errs = split(list(read_url(url, opts())))
    assert errs == []
    assert len(arts) == len(items)
    for a, it in zip(arts, items):
        assert a.title == it.title
        assert first_words(it.text) in a.text  # the page's full text, not the feed summary
        if len(it.paragraphs()) > 1:  # a one-paragraph report's page says no more than its summary
            assert len(a.text) > len(it.paragraphs()[0])
        assert a.published is not None
        assert a.origin == server.url(it.path)
        assert a.meta.get("text_from") != "feed item"
        assert a.meta["feed"] == url
        assert "Test Wire is a loopback site" not in a.news_text()
    requested = [r.path for r in server.log]
    assert sorted(requested) == sorted([getattr(s, which), *(it.path for it in items)])


def test_page_without_article_falls_back_to_feed_text(site, items, guard, html_reader):
    server, _ = site
    empty = "<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    server.add("/empty.html", empty)
    server.add("/one.rss", rss_feed(items[:1], server.base, links=[server.url("/empty.html")]),
               "application/rss+xml")
    arts, errs = split(list(read_url(server.url("/one.rss"), opts())))
    assert errs == []
    (a,) = arts
    assert a.meta["text_from"] == "feed item"
    assert a.meta["why"].startswith("page has no article")
    assert a.text == items[0].paragraphs()[0]
    assert a.title == items[0].title


def test_dead_item_link_is_one_error_and_the_rest_go_on(site, items, guard, html_reader):
    server, s = site
    arts, errs = split(list(read_url(server.url(s.broken_item_feed), opts())))
    assert len(errs) == 1 and len(arts) == len(items) - 1
    assert str(errs[0]) == f"{server.url(s.dead_link)}: HTTP 404 Not Found"


@pytest.mark.parametrize("fault,cause", [
    ("slow", "timed out after 0.5 s"),
    ("404", "HTTP 404 Not Found"),
    ("500", "HTTP 500 Internal Server Error"),
    ("loop", "redirect loop ("),
    ("chain", "more than 5 redirects"),
    ("notxml", "not a feed (no RSS/Atom XML; got application/octet-stream)"),
    ("big", "response larger than 100 kB"),
    ("big_stream", "response larger than 100 kB"),
])
def test_each_fault_is_one_clear_error(site, guard, fault, cause):
    server, s = site
    url = server.url(s.faults[fault])
    results = list(read_url(url, opts(timeout=0.5, max_bytes=100 * 1024, max_redirects=5)))
    assert len(results) == 1
    (err,) = results
    assert isinstance(err, FetchError)
    assert err.source == url
    assert err.cause.startswith(cause)
    assert str(err).startswith(f"{url}: ")


def test_opml_of_several_feeds_with_a_dead_one(bench_dir, guard):
    first = wikinews_items(bench_dir, 3)
    second = wikinews_items(bench_dir, 2, offset=3)
    with FeedServer() as server:
        for it in [*first, *second]:
            it.path = f"/article/{it.key}.html"
            server.add(it.path, f"<html><body><article><h1>{it.title}</h1>"
                       + "".join(f"<p>{p}</p>" for p in it.paragraphs()) + "</article></body></html>")
        server.add("/a.rss", rss_feed(first, server.base, title="A"), "application/rss+xml")
        server.add("/b.atom", atom_feed(second, server.base, title="B"), "application/atom+xml")
        feeds = [("A", server.url("/a.rss")), ("dead", server.url("/gone.rss")), ("B", server.url("/b.atom"))]
        server.add("/list.opml", opml_doc(feeds, nested=True), "text/x-opml")
        arts, errs = split(list(read_url(server.url("/list.opml"), opts(follow_links=False))))
    assert [str(e) for e in errs] == [f"{server.url('/gone.rss')}: HTTP 404 Not Found"]
    assert [a.title for a in arts] == [it.title for it in [*first, *second]]


def test_poll_twice_second_is_not_modified(site, items, guard):
    server, s = site
    url = server.url(s.rss)
    o = opts(follow_links=False)
    with Fetcher(o.feeds) as f:
        p1 = poll_feed(url, None, o, f)
        server.clear_log()
        p2 = poll_feed(url, p1.state, o, f)
    assert len(p1.articles) == len(items) and p1.errors == []
    assert p1.state["etag"] and p1.state["last_modified"] and p1.state["last_status"] == 200
    assert p2.not_modified and p2.articles == [] and p2.errors == []
    assert p2.state["last_status"] == 304 and p2.state["etag"] == p1.state["etag"]
    assert [(r.path, r.status) for r in server.log] == [(s.rss, 304)]
    assert server.log[0].headers["if-none-match"] == p1.state["etag"]


def test_poll_fetches_only_new_items(site, items, guard, html_reader):
    server, _ = site
    url = server.url("/grow.rss")
    o = opts()
    server.add("/grow.rss", rss_feed(items[:3], server.base), "application/rss+xml", conditional=True)
    with Fetcher(o.feeds) as f:
        p1 = poll_feed(url, None, o, f)
        # the feed gains two items (new body, new ETag)
        server.add("/grow.rss", rss_feed(items[:5], server.base), "application/rss+xml", conditional=True)
        server.clear_log()
        p2 = poll_feed(url, p1.state, o, f)
    assert len(p1.articles) == 3
    assert [a.title for a in p2.articles] == [it.title for it in items[3:5]]
    assert p2.skipped == 3 and p2.items == 5
    assert sorted(r.path for r in server.log) == sorted(["/grow.rss", items[3].path, items[4].path])


def test_poll_skips_links_the_store_knows(site, items, guard, html_reader):
    server, s = site
    o = opts()
    known = {server.url(items[0].path), server.url(items[2].path)}
    with Fetcher(o.feeds) as f:
        p = poll_feed(server.url(s.rss), None, o, f, known=known.__contains__)
    assert [a.title for a in p.articles] == [it.title for i, it in enumerate(items) if i not in (0, 2)]
    assert p.skipped == 2
    assert not {items[0].path, items[2].path} & {r.path for r in server.log}


def test_poll_stopped_midway_keeps_old_validators(site, items, guard):
    server, s = site
    url = server.url(s.rss)
    o = opts(follow_links=False)
    stop = threading.Event()
    calls = []

    def known(link: str) -> bool:  # the store check runs once per item: stop after the second
        calls.append(link)
        if len(calls) == 2:
            stop.set()
        return False

    with Fetcher(o.feeds) as f:
        p1 = poll_feed(url, None, o, f, known=known, stop=stop)
        assert not p1.complete and len(p1.articles) == 2
        assert p1.state.get("etag") is None  # not advanced: the next poll reads the whole feed again
        p2 = poll_feed(url, p1.state, o, f)
    assert p2.complete and not p2.not_modified
    assert [a.title for a in p2.articles] == [it.title for it in items[2:]]


def test_poll_failure_is_recorded_in_state(site, guard):
    server, s = site
    o = opts()
    with Fetcher(o.feeds) as f:
        p = poll_feed(server.url(s.faults["500"]), {"etag": '"x"', "failures": 2}, o, f)
        ok = poll_feed(server.url(s.rss), {"failures": 4}, o.replace("feeds", follow_links=False), f)
    assert [e.cause for e in p.errors] == ["HTTP 500 Internal Server Error"]
    assert p.state["last_status"] == 500 and p.state["error"] == "HTTP 500 Internal Server Error"
    assert p.state["etag"] == '"x"'  # a failed poll keeps what it had
    assert p.state["failures"] == 3 and ok.state["failures"] == 0


def test_per_host_delay_between_feed_and_items(site, items, guard, html_reader):
    server, s = site
    delay = 0.25
    arts, errs = split(list(read_url(server.url(s.rss), opts(per_host_delay=delay))))
    assert len(arts) == len(items) and errs == []
    times = [r.time for r in server.log]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(gaps) == len(items) and min(gaps) >= delay * 0.95, gaps


def test_guard_catches_outside_requests():
    # the guard the tests above rely on does refuse and record a request to another host
    with LoopbackGuard() as g:
        results = list(read_url("http://example.com/feed.rss", opts(timeout=1.0)))
    assert g.attempts and isinstance(results[0], FetchError)


def test_page_charset_from_the_http_header(site, items, guard, html_reader):
    server, _ = site
    def fits(text: str) -> bool:  # has non-ASCII characters and all of them exist in cp1252
        try:
            return text.encode("cp1252") != text.encode("ascii", "ignore")
        except UnicodeEncodeError:
            return False

    it = next(i for i in items if fits(i.text))
    page = article_html(it).replace('<meta charset="utf-8">', "")
    server.add("/cp1252.html", page.encode("cp1252"), "text/html; charset=windows-1252")
    server.add("/cp.rss", rss_feed([it], server.base, links=[server.url("/cp1252.html")]), "application/rss+xml")
    arts, errs = split(list(read_url(server.url("/cp.rss"), opts())))
    assert errs == [] and len(arts) == 1
    word = next(w for w in it.text.split() if any(ord(c) > 127 for c in w))
    assert word in arts[0].text
    assert "encoding" not in arts[0].meta  # decoded by the declared charset, not by a guess


def test_repeated_item_read_once_and_item_without_link(site, items, guard, html_reader):
    server, _ = site
    doc = rss_feed([items[0], items[0], items[1]], server.base).replace(
        f"<link>{server.base}{items[1].path}</link>".encode(), b"")
    server.add("/repeat.rss", doc, "application/rss+xml")
    arts, errs = split(list(read_url(server.url("/repeat.rss"), opts())))
    assert errs == [] and [a.title for a in arts] == [items[0].title, items[1].title]
    assert arts[1].meta["text_from"] == "feed item" and arts[1].meta["why"] == "the item has no link"
    assert [r.path for r in server.log].count(items[0].path) == 1


def test_stop_during_the_polite_wait_is_not_an_error(site, items, guard):
    server, s = site
    o = opts(per_host_delay=30.0)
    stop = threading.Event()
    with Fetcher(o.feeds, stop=stop) as f:
        f.fetch(server.url(s.atom))  # the host's clock starts: the next request must wait 30 s
        threading.Timer(0.2, stop.set).start()
        p = poll_feed(server.url(s.rss), None, o, f, stop=stop)
    assert p.errors == [] and not p.complete and p.read == 0
    assert p.state.get("error") is None and p.state["failures"] == 0
    assert [r.path for r in server.log] == [s.atom]
