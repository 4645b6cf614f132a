"""OPML lists, feed files read from disk, and URL inputs through the ingest runner into SQLite."""

from __future__ import annotations

import gzip
import io

import pytest
from feedserver import FeedServer, LoopbackGuard, build_site, opml_doc, rss_feed, wikinews_items

from newsdesk.errors import FormatError, InputError
from newsdesk.ingest.feeds import read_feed
from newsdesk.ingest.opml import FeedRef, parse_opml, read_opml
from newsdesk.options import Options
from newsdesk.records import Article

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>My feeds</title></head><body>
  <outline text="World" title="World">
    <outline text="Wire A" type="rss" xmlUrl="http://a.test/rss.xml" htmlUrl="http://a.test/"/>
    <outline text="Regional">
      <outline title="Wire B" type="rss" xmlurl="/b/atom.xml"/>
    </outline>
  </outline>
  <outline text="A link, not a feed" type="link" url="http://c.test/"/>
  <outline text="Repeat" type="rss" xmlUrl="http://a.test/rss.xml"/>
  <outline text="Local" type="rss" xmlUrl="file:///etc/passwd"/>
</body></opml>"""


def opts(**feeds) -> Options:
    return Options().replace("feeds", **{"per_host_delay": 0.0, "timeout": 5.0, **feeds})


def test_nested_outlines_titles_folders_and_relative_urls():
    refs = parse_opml(NESTED, "http://lists.test/my.opml")
    feeds = [r for r in refs if isinstance(r, FeedRef)]
    errors = [r for r in refs if isinstance(r, InputError)]
    assert [(f.url, f.title, f.folders) for f in feeds] == [
        ("http://a.test/rss.xml", "Wire A", ["World"]),
        ("http://lists.test/b/atom.xml", "Wire B", ["World", "Regional"]),
    ]
    assert len(errors) == 1
    assert errors[0].source.startswith("http://lists.test/my.opml")
    assert "file:///etc/passwd" in errors[0].cause and "only http and https" in errors[0].cause


def test_relative_url_in_a_local_file_is_an_error():
    refs = parse_opml(NESTED, "feeds.opml")
    bad = [r for r in refs if isinstance(r, InputError)]
    assert any("/b/atom.xml" in e.cause for e in bad)


@pytest.mark.parametrize("data,cause", [
    (b"", "empty file"),
    (b"<opml><body><outline", "XML error"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "root element <rss>"),
    (b'<opml version="2.0"><head/></opml>', "no <body>"),
    (b'<opml version="2.0"><body><outline text="folder only"/></body></opml>', "names no feeds"),
])
def test_bad_opml_is_a_format_error(data, cause):
    with pytest.raises(FormatError) as err:
        parse_opml(data, "list.opml")
    assert err.value.source == "list.opml"
    assert cause in err.value.cause


def test_entities_are_not_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("http://leak.test/feed")
    doc = (f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<opml version="2.0"><body><outline text="t" xmlUrl="&x;"/></body></opml>').encode()
    try:
        refs = parse_opml(doc, "x.opml")
    except FormatError:
        return  # refusing the document is fine too
    assert not any(isinstance(r, FeedRef) and "leak.test" in r.url for r in refs)


def test_read_opml_file_and_gz(tmp_path):
    plain = tmp_path / "f.opml"
    plain.write_bytes(NESTED)
    packed = tmp_path / "f.opml.gz"
    packed.write_bytes(gzip.compress(NESTED))
    assert [r.url for r in read_opml(packed) if isinstance(r, FeedRef)] == \
        [r.url for r in read_opml(plain) if isinstance(r, FeedRef)]
    with pytest.raises(InputError) as err:
        read_opml(tmp_path / "missing.opml")
    assert err.value.source.endswith("missing.opml")


# --- feed and OPML files, URL inputs through the runner --------------------------------------------


@pytest.fixture(scope="module")
def items(bench_dir):
    return wikinews_items(bench_dir, 4)


def test_local_feed_file_follows_item_links(items):
    pytest.importorskip("newsdesk.ingest.html")
    with FeedServer() as server, LoopbackGuard() as guard:
        build_site(server, items)
        doc = rss_feed(items, server.base)
        results = list(read_feed(io.BytesIO(doc), origin="saved.rss", options=opts()))
        requested = sorted(r.path for r in server.log)
    assert guard.attempts == []
    arts = [r for r in results if isinstance(r, Article)]
    assert [a.title for a in arts] == [it.title for it in items]
    assert all(a.meta["feed"] == "saved.rss" for a in arts)
    assert requested == sorted(it.path for it in items)


def test_local_opml_file_fetches_its_feeds(items):
    with FeedServer() as server, LoopbackGuard() as guard:
        site = build_site(server, items)
        doc = opml_doc([("rss", server.url(site.rss)), ("dead", server.url(site.faults["404"]))])
        results = list(read_feed(io.BytesIO(doc), origin="list.opml", options=opts(follow_links=False)))
    assert guard.attempts == []
    arts = [r for r in results if isinstance(r, Article)]
    errs = [r for r in results if isinstance(r, InputError)]
    assert [a.title for a in arts] == [it.title for it in items]
    assert [e.source for e in errs] == [server.url(site.faults["404"])]


def test_urls_through_the_runner_into_sqlite(items, tmp_path):
    pytest.importorskip("newsdesk.ingest.html")
    from newsdesk.runner import ingest
    from newsdesk.store import open_store

    o = opts().replace("store", db=str(tmp_path / "u.db"))
    with FeedServer() as server, LoopbackGuard() as guard:
        site = build_site(server, items)
        inputs = [server.url(site.rss), server.url(items[0].path), server.url(site.faults["500"])]
        with open_store(o.store.db, o) as store:
            first = ingest(inputs, store, o)
            again = ingest(inputs[:1], store, o)
            stored = list(store.iter_articles())
            assert store.check()["integrity"] == "ok"
    assert guard.attempts == []
    assert first.stored == len(items) and first.duplicates == 1  # the page given alone is a feed item too
    assert first.errors == [(server.url(site.faults["500"]), "HTTP 500 Internal Server Error")]
    assert again.stored == 0 and again.duplicates == len(items)
    assert sorted(a.title for a in stored) == sorted(it.title for it in items)
    by_title = {a.title: a for a in stored}
    for it in items:
        a = by_title[it.title]
        assert " ".join(it.text.split()[:10]) in a.text
        assert a.published is not None and a.url and a.source
