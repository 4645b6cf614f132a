"""Storage: SQLite by default, PostgreSQL for teams. Stages never import this package.

Open a store with :func:`open_store`; a runner (``newsdesk.runner``) composes the stages
with it.
"""

from __future__ import annotations

import importlib.util

from newsdesk.errors import ConfigError
from newsdesk.options import Options
from newsdesk.store.base import AddResult, ArticleQuery, SearchHit, Store

__all__ = ["AddResult", "ArticleQuery", "SearchHit", "Store", "open_store"]


def open_store(db: str | None = None, options: Options | None = None) -> Store:
    """Open (creating and migrating as needed) the store named by ``db``, else ``options.store.db``.

    A path opens an SQLite file; a ``postgresql://`` URL opens the PostgreSQL backend."""
    options = options or Options()
    target = str(db or options.store.db)
    if target.startswith(("postgresql://", "postgres://")):
        if importlib.util.find_spec("newsdesk.store.postgres") is None:
            raise ConfigError("PostgreSQL backend not available yet", hint="use an SQLite path for --db")
        from newsdesk.store import postgres

        return postgres.open_store(target, options)  # type: ignore[attr-defined]
    if "://" in target:
        raise ConfigError(f"unknown database URL {target!r}", hint="pass an SQLite file path or a postgresql:// URL")
    from newsdesk.store.sqlite import SQLiteStore

    return SQLiteStore(target)
