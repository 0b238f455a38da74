"""The web service (issue 5): voting booth, commission console, public board and results.

``create_app(settings)`` in :mod:`tandau.web.app` builds the FastAPI application;
everything it needs at run time (database, boards, services, signing keys) hangs
off one :class:`tandau.web.context.WebContext` built at the entry point.
Route modules live in :mod:`tandau.web.routes`, one per audience.
"""
