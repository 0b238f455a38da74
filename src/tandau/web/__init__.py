"""The web service (FastAPI): voting booth, commission console, public board and results, JSON API.

Owns: the app factory and its one error handler (:mod:`.app`, :mod:`.errors`,
:mod:`.problems`), the run-time context built at the entry point
(:mod:`.context`), accounts, sessions and security headers (:mod:`.accounts`,
:mod:`.auth`, :mod:`.security`), route modules by audience (:mod:`.routes`),
the console's steps (:mod:`.console`), page views, charts and PDFs
(:mod:`.views`, :mod:`.board_views`, :mod:`.results_view`, :mod:`.charts`,
:mod:`.pdf`), templates and the bundled booth (``templates/``, ``static/``) and
the demo (:mod:`.demo`, :mod:`.demo_clock`).

May import: every layer below, ``tandau.schema`` and ``tandau.settings``;
never ``tandau.cli``.  Domain code never imports FastAPI.

Entry points: ``create_app(settings)`` in :mod:`.app`; ``tandau serve``
(:mod:`.serve`).  Everything the app needs at run time hangs off one
:class:`tandau.web.context.WebContext`.  ADR 0006.
"""
