"""newsdesk.ingest: every kind of input to ``Article`` records.

``read_inputs(inputs, options, stdin=None)`` yields an ``Article`` or an ``InputError`` per
report found in paths, directories, ``-`` (stdin) and URLs (passed to
``newsdesk.ingest.feeds.read_url``). Formats: the seed text layout and plain text, JSON, JSONL,
HTML (trafilatura), WARC/WARC.gz (fastwarc); ``.gz`` anywhere. See ``build.py`` for what
``Article.text`` holds (body only, paragraphs separated by a blank line).
"""

from __future__ import annotations

from newsdesk.ingest.sources import read_inputs, read_stream

__all__ = ["read_inputs", "read_stream"]
