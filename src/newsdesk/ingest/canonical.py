"""Canonical URLs, content hashes and stable article ids.

* ``canonical_url`` lowercases scheme and host (``www.`` is kept: it can be another site), drops
  default ports, the fragment and tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ...),
  sorts the remaining query and re-quotes the path. Two spellings of one page give one string.
* ``content_hash`` hashes the text after case folding and whitespace collapsing, so a re-wrapped
  or re-spaced copy of a report hashes the same.
* ``article_id`` is 16 hex characters: from the canonical URL when there is one, otherwise from
  the content hash. It never changes for the same input.
"""

from __future__ import annotations

import functools
import hashlib
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from newsdesk.read.boilerplate import folded_utf8, is_printable

__all__ = ["TRACKING_PARAMS", "article_id", "canonical_url", "content_hash", "id_from_canonical", "registered_domain"]

# Query parameters that identify a click or a campaign, never a page.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
        "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ocid", "ncid", "cmpid", "smid", "smtyp",
        "sr_share", "ref_src", "ref_url", "twclid", "wt.mc_id", "wt_mc_id", "s_cid", "spm",
        "guccounter", "guce_referrer", "guce_referrer_sig", "at_medium", "at_campaign",
        "at_custom1", "at_custom2", "at_custom3", "at_custom4",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "hsa_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(_TRACKING_PREFIXES)


# A URL already in canonical spelling: lowercase http(s) scheme and host name (no trailing dot,
# no port, no user), a path of characters that re-quoting keeps as they are (no ``%``), no query,
# no fragment. ``canonical_url`` returns such a URL unchanged without parsing it (most URLs of a
# crawl look like this); every other URL takes the full path below.
_ALREADY_CANONICAL = re.compile(r"https?://[a-z0-9-]+(?:\.[a-z0-9-]+)*/[A-Za-z0-9/:@!$&'()*+,;=._~-]*")


def canonical_url(url: str) -> str:
    """The canonical spelling of ``url`` (see module docstring). Non-HTTP strings are only stripped."""
    url = url.strip()
    if _ALREADY_CANONICAL.fullmatch(url):
        return url
    return _canonical_parsed(url)


def _canonical_parsed(url: str) -> str:
    """:func:`canonical_url` by parsing, re-quoting and re-joining (``url`` already stripped)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return url
    host = parts.hostname.lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    # re-quote the path so %7E and ~ (and other equivalent spellings) agree
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~%") or "/"
    query = ""
    if parts.query:
        pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
        pairs.sort()
        query = urlencode(pairs, doseq=True)
    return urlunsplit((scheme, netloc, path, query, ""))


def registered_domain(url: str | None) -> str | None:
    """The registrable domain of ``url`` (``news.bbc.co.uk`` -> ``bbc.co.uk``), or None."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return _domain_of_host(host.lower().rstrip("."))


@functools.lru_cache(maxsize=65536)
def _domain_of_host(host: str) -> str:
    """Memoised: a feed or crawl repeats a few thousand hosts, and the suffix lookup is slow."""
    from tld import get_fld  # public suffix list, bundled with the package (no download)

    # None for hosts with no registered domain (IP addresses, localhost): the host names it then
    return get_fld(host, fix_protocol=True, fail_silently=True) or host


def _normalise(text: str) -> str:
    flat = text.replace("\n\n", " ")  # the paragraph break of a built article's text
    if "  " not in flat and flat[:1] != " " and flat[-1:] != " " and is_printable(flat):
        return flat  # already one space between words: split/join would change nothing
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """BLAKE2b (128 bit, hex) of the case-folded, whitespace-collapsed text."""
    return hashlib.blake2b(folded_utf8(_normalise(text)), digest_size=16).hexdigest()


def article_id(url: str | None, content_hash: str) -> str:
    """16 hex characters, from the canonical URL when there is one, else from the content hash."""
    return id_from_canonical(canonical_url(url) if url else None, content_hash)


def id_from_canonical(canonical: str | None, content_hash: str) -> str:
    """:func:`article_id` for a URL that is already canonical (saves parsing it twice)."""
    key = f"url:{canonical}" if canonical else f"text:{content_hash}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
