"""The community's writer lock: its row store is the administration's ``SqlRowStore``.

The community's tables — key columns, a JSON ``body`` and ``rev`` — are built
from the community records' declarations in ``tandau.schema`` (storage does not
import the community package), which also gives the store:
``CommunityService(tandau.schema.SqlCommunityStore(engine))``.  Migrations
``0004_community`` and ``0005_community_reports`` install the triggers refusing
UPDATE and DELETE.  Each transaction holds the community writer's own lock
(``BEGIN IMMEDIATE`` on SQLite, this advisory lock on PostgreSQL), so a service
call is serialised and all-or-nothing; an update inserts the record's next
revision and reads see the latest.
"""

from __future__ import annotations

import hashlib

__all__ = ["COMMUNITY_LOCK_KEY"]

#: The PostgreSQL advisory lock of the community's single writer.
COMMUNITY_LOCK_KEY = int.from_bytes(
    hashlib.sha256(b"tandau/v1/community/writer").digest()[:8], "big", signed=True
)
