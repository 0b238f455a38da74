"""Route modules, one per audience; ``ROUTERS`` is what the app includes, in order."""

from __future__ import annotations

from fastapi import APIRouter

from . import (
    booth,
    commission,
    console_candidates,
    console_evoting,
    console_results,
    demo,
    home,
    public,
)

__all__ = ["ROUTERS"]

ROUTERS: tuple[APIRouter, ...] = (
    home.router,
    public.router,
    booth.router,
    commission.router,
    console_candidates.router,
    console_evoting.router,
    console_results.router,
    demo.router,
)
