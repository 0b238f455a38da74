"""Alembic migrations of the board tables (run by ``tandau.storage.migrate``)."""
