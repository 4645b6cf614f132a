"""The REST API and the dashboard server (``newsdesk serve``): FastAPI on uvicorn.

``create_app(options)`` gives the ASGI app; ``serve(options)`` runs it. See ``api/routes.py``
for the endpoints, ``api/errors.py`` for the one error shape, ``web/`` for the dashboard.
"""

from newsdesk.api.app import create_app, serve

__all__ = ["create_app", "serve"]
