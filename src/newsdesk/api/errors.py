"""One error shape for every error the server answers (404, 422, 401, 403, 500, 501, ...)::

    {"ok": false, "status": 404, "error": "not_found", "message": "story 'x' not found",
     "details": []}

``error`` is a stable machine code, ``message`` says what went wrong with which input,
``details`` lists per-field problems (``{"field", "problem"}``) for validation errors.
The handlers here turn FastAPI's, Starlette's and newsdesk's exceptions into it.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsdesk.errors import ConfigError, InputError, NewsdeskError, StoreError

__all__ = ["CODES", "ApiError", "error_body", "install_error_handlers"]

log = logging.getLogger("newsdesk.api")

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
    501: "not_implemented",
    503: "unavailable",
}


class ApiError(Exception):
    """An error answer: raise it from a route."""

    def __init__(self, status: int, message: str, *, code: str | None = None,
                 details: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.details = details or []
        self.headers = headers


def error_body(status: int, message: str, code: str | None = None,
               details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"ok": False, "status": status, "error": code or CODES.get(status, "error"), "message": message,
            "details": details or []}


def _answer(status: int, message: str, code: str | None = None, details: list[dict[str, Any]] | None = None,
            headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message, code, details), status_code=status, headers=headers)


def _field(loc: Any) -> str:
    parts = [str(p) for p in (loc or ()) if p not in ("body",)]
    return ".".join(parts) or "request"


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return _answer(exc.status, exc.message, exc.code, exc.details, exc.headers)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    if status == 404 and exc.detail in (None, "Not Found"):
        message = f"no such page: {request.url.path}"
    elif status == 405:
        message = f"{request.method} is not allowed on {request.url.path}"
    else:
        message = str(exc.detail)
    return _answer(status, message, headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [{"field": _field(e.get("loc")), "problem": str(e.get("msg", "invalid"))} for e in exc.errors()]
    fields = ", ".join(d["field"] for d in details) or "request"
    return _answer(422, f"invalid request: {fields}", details=details)


async def _newsdesk_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, NewsdeskError)
    status = 400 if isinstance(exc, (ConfigError, InputError)) else 500
    if isinstance(exc, StoreError) and ("cursor" in exc.message or "unknown" in exc.message
                                        or "empty search" in exc.message):
        status = 400  # a bad parameter the store refused
    if status == 500:
        log.error("%s %s: %s", request.method, request.url.path, exc)
    return _answer(status, str(exc), code=exc.code if status == 500 else None)


async def _not_implemented(request: Request, exc: Exception) -> JSONResponse:
    return _answer(501, f"this database backend cannot answer {request.url.path} yet",
                   details=[{"field": "db", "problem": "use an SQLite database (--db file.db) for this endpoint"}])


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("%s %s failed", request.method, request.url.path)
    return _answer(500, "internal error: the server could not answer this request (see its log)")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(NewsdeskError, _newsdesk_error)
    app.add_exception_handler(NotImplementedError, _not_implemented)
    app.add_exception_handler(Exception, _unexpected)
