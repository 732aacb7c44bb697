"""Ordered schema migrations of the sessions database.

``PRAGMA user_version`` holds the schema version. Each migration takes the schema from
version ``n - 1`` to ``n`` and runs inside the caller's transaction. A migration, once
released, never changes: users have databases written by it. Add a new one instead.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

# v1: the first released layout. Its DDL is frozen (tests/data/store/make_v1_fixture.py
# writes an old database with the same statements).
V1_SCHEMA = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    base INTEGER NOT NULL DEFAULT 0,
    params TEXT NOT NULL DEFAULT '{}',
    engine_version TEXT NOT NULL DEFAULT ''
);
CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL,
    text TEXT NOT NULL,
    segments TEXT NOT NULL DEFAULT '[]',
    meta TEXT NOT NULL DEFAULT '{}',
    added TEXT NOT NULL,
    raw BLOB,
    UNIQUE (session_id, position)
);
CREATE INDEX versions_session ON versions(session_id);
-- The last Comparison JSON, kept apart so that listing sessions never reads megabytes.
CREATE TABLE caches (
    session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    engine_version TEXT NOT NULL,
    constraints_digest TEXT NOT NULL,
    comparison TEXT NOT NULL
);
CREATE TABLE constraints (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('link', 'unlink')),
    a_sha256 TEXT NOT NULL, a_start INTEGER NOT NULL, a_end INTEGER NOT NULL, a_hash TEXT NOT NULL,
    b_sha256 TEXT NOT NULL, b_start INTEGER NOT NULL, b_end INTEGER NOT NULL, b_hash TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
);
CREATE INDEX constraints_session ON constraints(session_id);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text_hash TEXT NOT NULL,
    reviewed INTEGER NOT NULL DEFAULT 1,
    note TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL,
    UNIQUE (session_id, sha256, start, "end", text_hash)
);
"""


def _v1(db: sqlite_utils.Database) -> None:
    db.executescript(V1_SCHEMA)


def _v2(db: sqlite_utils.Database) -> None:
    """Trash (deleted sessions can be restored) and per-session view state."""
    db["sessions"].add_column("deleted_at", str)
    db["sessions"].add_column("view_state", str, not_null_default="{}")
    db.execute("CREATE INDEX sessions_deleted ON sessions(deleted_at)")


def _v3(db: sqlite_utils.Database) -> None:
    """Full-text index over every saved version's text (filled from existing rows)."""
    db["versions"].enable_fts(
        ["text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )


MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (_v1, _v2, _v3)
SCHEMA_VERSION = len(MIGRATIONS)
