"""The ASGI entry point for uvicorn workers: settings from the environment."""

from __future__ import annotations

from fastapi import FastAPI

from tandau.settings import Settings

from .app import create_app

__all__ = ["make_app"]


def make_app() -> FastAPI:
    """Called once in each worker process (``uvicorn --factory``)."""
    return create_app(Settings.from_env())
