"""Storage: SQLite by default, PostgreSQL for teams. Stages never import this package."""

from newsdesk.store.base import AddResult, ArticleQuery, SearchHit, Store

__all__ = ["AddResult", "ArticleQuery", "SearchHit", "Store"]
