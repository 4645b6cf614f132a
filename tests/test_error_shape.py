"""Every error path of the API answers with the one error shape (after datasette's
tests/test_error_shape.py): 400, 401, 403, 404, 405, 413, 422, 500 and 501."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsdesk.api import create_app, schemas
from newsdesk.options import Options
from newsdesk.store import open_store

KEY = "shape-key"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with open_store(str(tmp_path_factory.mktemp("shape") / "empty.db")) as s:
        yield s


@pytest.fixture(scope="module")
def read_only(store):
    with TestClient(create_app(Options(), store=store), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def writable(store):
    with TestClient(create_app(Options().replace("serve", api_key=KEY), store=store),
                    raise_server_exceptions=False) as c:
        yield c


def check(response, status: int, error: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"ok", "status", "error", "message", "details"}
    schemas.ErrorBody.model_validate(body)
    assert body["ok"] is False and body["status"] == status
    assert body["message"] and isinstance(body["details"], list)
    if error:
        assert body["error"] == error
    return body


@pytest.mark.parametrize("path, status, error, words", [
    ("/no/such/page", 404, "not_found", "/no/such/page"),
    ("/stories/st_missing", 404, "not_found", "st_missing"),
    ("/articles/missing-id", 404, "not_found", "missing-id"),
    ("/static/none.js", 404, "not_found", ""),
    ("/stories?limit=0", 422, "invalid_request", "limit"),
    ("/stories?limit=abc", 422, "invalid_request", "limit"),
    ("/stories?breaking=maybe", 422, "invalid_request", "breaking"),
    ("/stories?sort=sideways", 422, "invalid_request", "sort"),
    ("/stories?event_type=picnic", 422, "invalid_request", "event_type"),
    ("/stories?country=Ukraine", 422, "invalid_request", "country"),
    ("/stories?since=yesterday", 422, "invalid_request", "since"),
    ("/stories?cursor=not-a-cursor", 400, "bad_request", "cursor"),
    ("/articles?cursor=%%%", 400, "bad_request", "cursor"),
    ("/events?cursor=WzFd", 400, "bad_request", "cursor"),
    ("/events?format=kml", 422, "invalid_request", "format"),
    ("/events?until=31/12/2023", 422, "invalid_request", "until"),
    ("/figures?category=weather", 422, "invalid_request", "category"),
    ("/search", 422, "invalid_request", "q"),
    ("/search?q=", 422, "invalid_request", "q"),
    ("/search?q=%20%20", 422, "invalid_request", "q"),
    ("/search?q=x&offset=-1", 422, "invalid_request", "offset"),
])
def test_get_errors(read_only, path, status, error, words):
    body = check(read_only.get(path), status, error)
    assert words in body["message"] + " ".join(d["field"] for d in body["details"])
    if status == 422:
        assert body["details"] and all(set(d) == {"field", "problem"} for d in body["details"])


def test_method_not_allowed(read_only):
    check(read_only.delete("/stories"), 405, "method_not_allowed")
    check(read_only.put("/articles/x", json={}), 405, "method_not_allowed")


def test_post_on_a_read_only_server_is_forbidden(read_only):
    body = check(read_only.post("/articles", json={"text": "hello"}), 403, "forbidden")
    assert "read-only" in body["message"] and "NEWSDESK_API_KEY" in body["details"][0]["problem"]


def test_post_without_or_with_a_wrong_key(writable):
    r = writable.post("/articles", json={"text": "hello"})
    check(r, 401, "unauthorized")
    assert r.headers["www-authenticate"] == "Bearer"
    check(writable.post("/articles", json={"text": "hello"}, headers={"X-API-Key": "nope"}), 401, "unauthorized")
    check(writable.post("/articles", json={"text": "hello"}, headers={"Authorization": "Bearer nope"}),
          401, "unauthorized")


def test_post_bad_bodies(writable):
    headers = {"X-API-Key": KEY}
    check(writable.post("/articles", content=b"{not json", headers={**headers, "content-type": "application/json"}),
          422, "invalid_request")
    check(writable.post("/articles", json="just a string", headers=headers), 422, "invalid_request")
    check(writable.post("/articles", json=[], headers=headers), 422, "invalid_request")
    check(writable.post("/articles", json=[{"text": "x"}] * 1001, headers=headers), 413, "too_large")


class _Broken:
    """A store whose reads fail unexpectedly (a bug, not a bad request)."""

    path = "broken"

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise RuntimeError("disk on fire: secret detail")

        return fail


def test_unexpected_error_is_a_500_in_the_shape_without_internals():
    with TestClient(create_app(Options(), store=_Broken()), raise_server_exceptions=False) as c:  # type: ignore[arg-type]
        body = check(c.get("/stories"), 500, "internal_error")
        assert "secret" not in body["message"]
        check(c.get("/stories/x"), 500, "internal_error")


def test_store_error_is_a_500_in_the_shape(tmp_path):
    from newsdesk.errors import StoreError

    class Failing(_Broken):
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise StoreError("broken.db: cannot read (database disk image is malformed)")

            return fail

    with TestClient(create_app(Options(), store=Failing()), raise_server_exceptions=False) as c:  # type: ignore[arg-type]
        body = check(c.get("/articles"), 500)
        assert body["error"] == "ND300" and "malformed" in body["message"]


def test_a_backend_without_the_query_answers_501(store):
    class Partial:
        path = "partial"

        def __getattr__(self, name):
            return getattr(store, name)

        def query_stories(self, query):
            raise NotImplementedError

    with TestClient(create_app(Options(), store=Partial()), raise_server_exceptions=False) as c:  # type: ignore[arg-type]
        body = check(c.get("/stories"), 501, "not_implemented")
        assert "/stories" in body["message"]
        assert c.get("/health").status_code == 200
