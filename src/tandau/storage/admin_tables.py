"""The administration's tables (``tandau.admin.rowstore.TABLE_KEYS`` names them and their keys).

Records of units, precincts, commissions, elections, candidates, voter lists,
protocols and decisions, plus the outbox of board events a service call recorded
in its transaction.  Like the board, these tables are append-only (the migration's
triggers refuse UPDATE and DELETE): a record that changes — an election's stage, a
candidate's status, a voter's precinct, a protocol's annulment, an event's
publication — gets a new row with the next ``rev``, and the current record is the
row with the highest ``rev`` of its key.  So every earlier state stays readable.
(Rows refer to an election or a candidate by key without a foreign key, since
their tables hold several rows per key; the services check those references.)
Migration ``0002_admin`` creates the same tables; a test keeps the two equal.

Aware times are ISO-8601 text with their offset; dates are ``DATE``; lists and
objects are ``JSON``.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

__all__ = ["TABLES", "VERSIONED", "admin_metadata"]

admin_metadata = MetaData()

_TIME = 40

admin_units = Table(
    "admin_units",
    admin_metadata,
    Column("code", String(9), nullable=False),
    Column("level", String(16), nullable=False),
    Column("parent", String(9), ForeignKey("admin_units.code"), nullable=True),
    Column("name_kk", String(200), nullable=False),
    Column("name_ru", String(200), nullable=False),
    Column("name_en", String(200), nullable=False),
    PrimaryKeyConstraint("code", name="pk_admin_units"),
)

admin_precincts = Table(
    "admin_precincts",
    admin_metadata,
    Column("code", String(64), nullable=False),
    Column("number", Integer, nullable=False),
    Column("unit", String(9), ForeignKey("admin_units.code"), nullable=False),
    Column("address", String(300), nullable=False),
    PrimaryKeyConstraint("code", name="pk_admin_precincts"),
)

admin_commissions = Table(
    "admin_commissions",
    admin_metadata,
    Column("id", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("unit", String(9), ForeignKey("admin_units.code"), nullable=False),
    Column("precinct", String(64), ForeignKey("admin_precincts.code"), nullable=True),
    Column("name", String(300), nullable=False),
    PrimaryKeyConstraint("id", name="pk_admin_commissions"),
)

admin_members = Table(
    "admin_members",
    admin_metadata,
    Column("commission", String(64), ForeignKey("admin_commissions.id"), nullable=False),
    Column("person", String(64), nullable=False),
    Column("name", String(300), nullable=False),
    Column("role", String(16), nullable=False),
    Column("elected_on", Date, nullable=False),
    Column("term_until", Date, nullable=False),
    PrimaryKeyConstraint("commission", "person", name="pk_admin_members"),
)

admin_elections = Table(
    "admin_elections",
    admin_metadata,
    Column("id", String(100), nullable=False),
    Column("ruleset", String(64), nullable=False),
    Column("unit", String(9), ForeignKey("admin_units.code"), nullable=False),
    Column("commission", String(64), ForeignKey("admin_commissions.id"), nullable=False),
    Column("polling_day", Date, nullable=False),
    Column("called_at", String(_TIME), nullable=False),
    Column("utc_offset_minutes", Integer, nullable=False),
    Column("stage", String(32), nullable=False),
    Column("stage_changed_at", String(_TIME), nullable=False),
    Column("term_ends", Date, nullable=True),
    Column("nomination_extended_until", String(_TIME), nullable=True),
    Column("outcome", JSON, nullable=True),
    Column("winner", String(64), nullable=True),
    Column("rev", Integer, nullable=False),
    PrimaryKeyConstraint("id", "rev", name="pk_admin_elections"),
)

admin_districts = Table(
    "admin_districts",
    admin_metadata,
    Column("election", String(100), nullable=False),
    Column("number", Integer, nullable=False),
    Column("unit", String(9), ForeignKey("admin_units.code"), nullable=False),
    Column("precincts", JSON, nullable=False),
    Column("formed_at", String(_TIME), nullable=False),
    PrimaryKeyConstraint("election", name="pk_admin_districts"),
)

admin_accreditations = Table(
    "admin_accreditations",
    admin_metadata,
    Column("election", String(100), nullable=False),
    Column("id", String(64), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("name", String(300), nullable=False),
    Column("sponsor_kind", String(64), nullable=False),
    Column("sponsor", String(300), nullable=False),
    Column("candidate", String(64), nullable=True),
    Column("granted_at", String(_TIME), nullable=False),
    PrimaryKeyConstraint("election", "id", name="pk_admin_accreditations"),
)

admin_candidates = Table(
    "admin_candidates",
    admin_metadata,
    Column("election", String(100), nullable=False),
    Column("id", String(64), nullable=False),
    Column("name", String(300), nullable=False),
    Column("birth_date", Date, nullable=False),
    Column("nomination", String(16), nullable=False),
    Column("party", String(300), nullable=True),
    Column("party_member", Boolean, nullable=False),
    Column("citizen", Boolean, nullable=False),
    Column("qualified", Boolean, nullable=False),
    Column("conviction", Boolean, nullable=False),
    Column("incapacitated", Boolean, nullable=False),
    Column("imprisoned", Boolean, nullable=False),
    Column("corruption_offence", Boolean, nullable=False),
    Column("documents", JSON, nullable=False),
    Column("status", String(16), nullable=False),
    Column("nominated_at", String(_TIME), nullable=False),
    Column("valid_signatures", Integer, nullable=False),
    Column("invalid_signatures", Integer, nullable=False),
    Column("decided_at", String(_TIME), nullable=True),
    Column("refusal", JSON, nullable=False),
    Column("withdrawal", Text, nullable=True),
    Column("rev", Integer, nullable=False),
    PrimaryKeyConstraint("election", "id", "rev", name="pk_admin_candidates"),
)

admin_signature_sheets = Table(
    "admin_signature_sheets",
    admin_metadata,
    Column("election", String(100), nullable=False),
    Column("candidate", String(64), nullable=False),
    Column("number", Integer, nullable=False),
    Column("signers", JSON, nullable=False),
    Column("valid", Integer, nullable=False),
    Column("invalid", Integer, nullable=False),
    Column("submitted_at", String(_TIME), nullable=False),
    PrimaryKeyConstraint("election", "candidate", "number", name="pk_admin_signature_sheets"),
)

admin_voters = Table(
    "admin_voters",
    admin_metadata,
    Column("election", String(100), nullable=False),
    Column("iin", String(12), nullable=False),
    Column("name", String(300), nullable=False),
    Column("birth_date", Date, nullable=False),
    Column("precinct", String(64), ForeignKey("admin_precincts.code"), nullable=False),
    Column("residence_unit", String(9), ForeignKey("admin_units.code"), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("rev", Integer, nullable=False),
    PrimaryKeyConstraint("election", "iin", "rev", name="pk_admin_voters"),
)
Index("ix_admin_voters_iin", admin_voters.c.iin)

admin_voter_corrections = Table(
    "admin_voter_corrections",
    admin_metadata,
    Column("election", String(100), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("iin", String(12), nullable=False),
    Column("action", String(16), nullable=False),
    Column("precinct_from", String(64), nullable=True),
    Column("precinct_to", String(64), nullable=True),
    Column("reason", Text, nullable=False),
    Column("at", String(_TIME), nullable=False),
    PrimaryKeyConstraint("election", "seq", name="pk_admin_voter_corrections"),
)

admin_protocols = Table(
    "admin_protocols",
    admin_metadata,
    Column("election", String(100), nullable=False),
    Column("precinct", String(64), ForeignKey("admin_precincts.code"), nullable=False),
    Column("voters_on_list", Integer, nullable=False),
    Column("ballots_received", Integer, nullable=False),
    Column("ballots_issued", Integer, nullable=False),
    Column("ballots_unused", Integer, nullable=False),
    Column("ballots_spoiled", Integer, nullable=False),
    Column("ballots_cast", Integer, nullable=False),
    Column("invalid", Integer, nullable=False),
    Column("against_all", Integer, nullable=False),
    Column("votes", JSON, nullable=False),
    Column("entered_at", String(_TIME), nullable=False),
    Column("annulled_by", Integer, nullable=True),
    Column("rev", Integer, nullable=False),
    PrimaryKeyConstraint("election", "precinct", "rev", name="pk_admin_protocols"),
)

admin_decisions = Table(
    "admin_decisions",
    admin_metadata,
    Column("election", String(100), nullable=False),
    Column("number", Integer, nullable=False),
    Column("commission", String(64), ForeignKey("admin_commissions.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("resolution", String(16), nullable=False),
    Column("subject", String(64), nullable=True),
    Column("reason", Text, nullable=False),
    Column("rule", String(64), nullable=False),
    Column("article", String(64), nullable=False),
    Column("present", JSON, nullable=False),
    Column("decided_at", String(_TIME), nullable=False),
    PrimaryKeyConstraint("election", "number", name="pk_admin_decisions"),
)

admin_outbox = Table(
    "admin_outbox",
    admin_metadata,
    Column("id", Integer, nullable=False, autoincrement=False),
    Column("type", String(64), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("published", Boolean, nullable=False),
    Column("rev", Integer, nullable=False),
    PrimaryKeyConstraint("id", "rev", name="pk_admin_outbox"),
)
Index("ix_admin_outbox_published", admin_outbox.c.published)

#: Every admin table by name.
TABLES: dict[str, Table] = {t.name: t for t in admin_metadata.sorted_tables}

#: The tables whose records change: one row per revision (``rev``).
VERSIONED = frozenset(name for name, t in TABLES.items() if "rev" in t.c)
