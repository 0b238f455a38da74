"""Route modules, one per audience; ``ROUTERS`` is what the app includes, in order.

``booth`` (voters: ballots, audit, receipts), ``public`` (board, results, record,
CSV), ``home`` and ``demo`` (landing pages), ``commission`` (console sign-in and
elections) and ``console_*`` (the console's candidates, e-voting and results
pages and JSON); ``community*`` (a community's public page, members' votes, and
its akim's office's console).  Routes load, authorise and present; the work is a service call
(``tandau.admin``, :mod:`tandau.web.console`).  Shared dependencies: :mod:`.deps`,
:mod:`.election_deps`, :mod:`.office_deps` (the akim's office's scope).
"""

from __future__ import annotations

from fastapi import APIRouter

from . import (
    analysis,
    booth,
    commission,
    community,
    community_console,
    community_console_api,
    community_questions,
    community_secret_codes,
    community_vote,
    console_candidates,
    console_evoting,
    console_forms,
    console_results,
    demo,
    home,
    kiosk_devices,
    public,
)

__all__ = ["ROUTERS"]

ROUTERS: tuple[APIRouter, ...] = (
    home.router,
    public.router,
    community.router,
    community_vote.router,
    community_questions.router,
    kiosk_devices.router,
    booth.router,
    commission.router,
    community_console.router,
    community_console_api.router,
    community_secret_codes.router,
    console_candidates.router,
    console_evoting.router,
    console_results.router,
    console_forms.router,
    demo.router,
    analysis.router,
)
