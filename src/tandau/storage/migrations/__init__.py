"""Alembic migrations of every table (board, administration, console); see ``migrate``.

New revisions are generated from the declared schema (``python -m tandau.schema
"what changed"``) and completed by hand where triggers are needed.
"""
