"""SessionStore: the API the GUI and the CLI use to keep comparisons.

Every public method that changes something is one transaction (autosave after each
user change: a crash loses at most the change being written). Reading back gives
exactly what was saved; after an engine upgrade, or when manual links changed since the
last alignment, :meth:`SessionStore.load` re-aligns with the stored constraints and says
so (``StoredSession.realigned`` and ``.reason``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scocompare.core.errors import Cancelled
from scocompare.core.model import Anchor, Comparison, Constraint, Document
from scocompare.store import codec
from scocompare.store.codec import Review
from scocompare.store.db import guarded, open_database, write_transaction
from scocompare.store.errors import StoreError
from scocompare.store.names import clean_name, numbered
from scocompare.store.realign import cached_comparison, realign

MAX_VIEW_STATE = 1_000_000  # bytes of JSON; view state is panes, scroll and filters


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class SessionInfo:
    """One line of the sessions browser."""

    id: int
    name: str
    created: str
    updated: str
    versions: int
    base_title: str
    deleted_at: str | None = None


@dataclass(frozen=True)
class StoredSession:
    """Everything a session holds, as read back from the database."""

    id: int
    name: str
    created: str
    updated: str
    documents: tuple[Document, ...]
    base: int
    params: Mapping[str, Any]
    engine_version: str
    constraints: tuple[Constraint, ...]
    reviews: tuple[Review, ...]
    view_state: Mapping[str, Any]
    comparison: Comparison | None
    realigned: bool = False
    reason: str = ""  # why it was (or would need to be) re-aligned
    warnings: tuple[str, ...] = ()
    deleted_at: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)


@guarded
class SessionStore:
    """Sessions in one SQLite database (default: data_dir()/sessions.db)."""

    def __init__(self, path: str | Path | None = None):
        self._lock = threading.RLock()
        self.db, self.path, self.backups = open_database(Path(path) if path else None)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- look-ups -------------------------------------------------------------------------
    def _row(self, name_or_id: str | int, *, trashed_ok: bool = True) -> dict[str, Any]:
        if isinstance(name_or_id, int):
            rows = list(self.db.query("SELECT * FROM sessions WHERE id = ?", [name_or_id]))
        else:
            rows = list(self.db.query("SELECT * FROM sessions WHERE name = ?",
                                      [clean_name(name_or_id)]))
        if not rows:
            raise StoreError(f"no session named {name_or_id!r}")
        if rows[0]["deleted_at"] and not trashed_ok:
            raise StoreError(f"session {rows[0]['name']!r} is in the trash; restore it first")
        return rows[0]

    def _taken(self, name: str) -> bool:
        return bool(list(self.db.query("SELECT 1 FROM sessions WHERE name = ?", [name])))

    def exists(self, name: str) -> bool:
        """True when a session (trashed or not) has this name."""
        return self._taken(clean_name(name))

    # -- saving ---------------------------------------------------------------------------
    def save_comparison(self, name: str, comparison: Comparison, params: Mapping | None = None,
                        view_state: Mapping | None = None, overwrite: bool = False) -> int:
        """Save (or with ``overwrite`` replace) a session from a Comparison; returns its id.

        Versions keep the time they were first added; manual links of the comparison
        are added to the session's own. The comparison is cached for instant reopening.
        """
        name = clean_name(name)
        docs = comparison.documents
        if not docs:
            raise StoreError(f"session {name!r}: a comparison without documents cannot be saved")
        ids = [d.id for d in docs]
        if comparison.base not in ids:
            raise StoreError(f"session {name!r}: base {comparison.base!r} is not one of its documents")
        all_params = {"engine_threshold": comparison.engine.threshold,
                      "scorer_name": comparison.engine.scorer}
        all_params.update(codec.jsonable(dict(params or {})))
        state = _view_state_json(view_state) if view_state is not None else None
        stamp = now()
        with write_transaction(self.db):
            existing = list(self.db.query("SELECT id, deleted_at FROM sessions WHERE name = ?", [name]))
            if existing and existing[0]["deleted_at"]:
                # A trashed session keeps its content but gives up its name.
                self.db["sessions"].update(existing[0]["id"], {"name": numbered(
                    f"{name} (trashed {existing[0]['deleted_at'][:10]})", self._taken)})
                existing = []
            if existing and not overwrite:
                raise StoreError(f"a session named {name!r} already exists")
            row = {"name": name, "updated": stamp, "base": ids.index(comparison.base),
                   "params": codec.dumps(all_params), "engine_version": comparison.engine.version}
            if state is not None:
                row["view_state"] = state
            if existing:
                sid = existing[0]["id"]
                added = {r["sha256"]: r["added"] for r in self.db.query(
                    "SELECT sha256, added FROM versions WHERE session_id = ?", [sid])}
                self.db["sessions"].update(sid, row)
                self.db.execute("DELETE FROM versions WHERE session_id = ?", [sid])
            else:
                added = {}
                sid = self.db["sessions"].insert({**row, "created": stamp}).last_pk
            self.db["versions"].insert_all(
                codec.version_row(sid, i, d, added.get(d.sha256, stamp)) for i, d in enumerate(docs))
            have = {codec.constraint_key(c) for c in self._constraints(sid)}
            new = [c for c in comparison.constraints if codec.constraint_key(c) not in have]
            self.db["constraints"].insert_all(codec.constraint_row(sid, c, stamp) for c in _unique(new))
            self._write_cache(sid, comparison)
        return sid

    def _write_cache(self, sid: int, comparison: Comparison) -> None:
        try:
            from scocompare.core.report import dumps
        except ImportError:  # report not installed: the session reopens by re-aligning
            self.db.execute("DELETE FROM caches WHERE session_id = ?", [sid])
            return
        self.db["caches"].upsert({
            "session_id": sid, "engine_version": comparison.engine.version,
            "constraints_digest": codec.constraints_digest(self._constraints(sid)),
            "comparison": dumps(comparison, indent=None)}, pk="session_id")

    # -- reading --------------------------------------------------------------------------
    def _constraints(self, sid: int) -> tuple[Constraint, ...]:
        return tuple(codec.constraint_from_row(r) for r in self.db.query(
            "SELECT * FROM constraints WHERE session_id = ? ORDER BY id", [sid]))

    def load(self, name_or_id: str | int, realign_if_needed: bool = True,
             progress=None, cancelled=None) -> StoredSession:
        """Read a session back: documents with their original bytes, constraints, reviews,
        view state and the comparison (cached, or re-aligned when the cache is stale)."""
        row = self._row(name_or_id)
        sid = row["id"]
        vrows = list(self.db.query("SELECT * FROM versions WHERE session_id = ? ORDER BY position", [sid]))
        warnings = tuple(f"version {r['position'] + 1} ({r['title'] or r['source']}): its stored "
                         "bytes no longer match their sha256" for r in vrows if not codec.raw_matches(r))
        docs = tuple(codec.document_from_row(r) for r in vrows)
        constraints = self._constraints(sid)
        reviews = tuple(codec.review_from_row(r) for r in self.db.query(
            "SELECT * FROM reviews WHERE session_id = ? ORDER BY id", [sid]))
        params = json.loads(row["params"] or "{}")
        cache = list(self.db.query("SELECT * FROM caches WHERE session_id = ?", [sid]))
        comparison, reason = cached_comparison(cache[0] if cache else None, docs,
                                               codec.constraints_digest(constraints))
        realigned = False
        if reason and realign_if_needed and docs:
            try:
                comparison = realign(docs, row["base"], params, constraints,
                                     progress=progress, cancelled=cancelled)
            except Cancelled:
                raise
            except Exception as err:  # show what was saved rather than nothing
                reason = f"{reason}; re-aligning failed ({err})"
            else:
                realigned = True
                with write_transaction(self.db):
                    self.db["sessions"].update(sid, {"engine_version": comparison.engine.version})
                    self._write_cache(sid, comparison)
        return StoredSession(
            id=sid, name=row["name"], created=row["created"], updated=row["updated"],
            documents=docs, base=row["base"], params=params,
            engine_version=row["engine_version"], constraints=constraints, reviews=reviews,
            view_state=json.loads(row["view_state"] or "{}"), comparison=comparison,
            realigned=realigned, reason=reason, warnings=warnings, deleted_at=row["deleted_at"])

    def list(self, include_trash: bool = False) -> list[SessionInfo]:
        """Sessions, most recently changed first (trashed ones only when asked)."""
        sql = """
            SELECT s.id, s.name, s.created, s.updated, s.deleted_at,
                   (SELECT count(*) FROM versions v WHERE v.session_id = s.id) AS n,
                   (SELECT coalesce(nullif(v.title, ''), v.source) FROM versions v
                     WHERE v.session_id = s.id AND v.position = s.base) AS base_title
            FROM sessions s {where} ORDER BY s.updated DESC, s.id DESC"""
        where = "" if include_trash else "WHERE s.deleted_at IS NULL"
        return [SessionInfo(r["id"], r["name"], r["created"], r["updated"], r["n"],
                            r["base_title"] or "", r["deleted_at"])
                for r in self.db.query(sql.format(where=where))]

    # -- changes (each one transaction) ---------------------------------------------------
    def _touch(self, sid: int, **cols: Any) -> None:
        self.db["sessions"].update(sid, {"updated": now(), **cols})

    def rename(self, name_or_id: str | int, new_name: str) -> str:
        """Rename a session; returns the cleaned new name."""
        new_name = clean_name(new_name)
        with write_transaction(self.db):
            row = self._row(name_or_id)
            if new_name != row["name"] and self._taken(new_name):
                raise StoreError(f"a session named {new_name!r} already exists")
            self._touch(row["id"], name=new_name)
        return new_name

    def duplicate(self, name_or_id: str | int, new_name: str | None = None) -> str:
        """Copy a session with everything it holds; returns the copy's name."""
        with write_transaction(self.db):
            row = self._row(name_or_id)
            name = clean_name(new_name) if new_name else numbered(f"{row['name']} (copy)", self._taken)
            if self._taken(name):
                raise StoreError(f"a session named {name!r} already exists")
            stamp = now()
            copy = {k: v for k, v in row.items() if k != "id"}
            copy.update(name=name, created=stamp, updated=stamp, deleted_at=None)
            new = self.db["sessions"].insert(copy).last_pk
            for table in ("versions", "constraints", "reviews", "caches"):
                cols = [c for c in self.db[table].columns_dict if c not in ("id", "session_id")]
                col_sql = ", ".join(f'"{c}"' for c in cols)
                self.db.execute(f'INSERT INTO "{table}" (session_id, {col_sql}) '
                                f'SELECT ?, {col_sql} FROM "{table}" WHERE session_id = ?', [new, row["id"]])
        return name

    def delete(self, name_or_id: str | int) -> None:
        """Move a session to the trash (restore() brings it back, purge() removes it)."""
        with write_transaction(self.db):
            row = self._row(name_or_id, trashed_ok=False)
            self._touch(row["id"], deleted_at=now())

    def restore(self, name_or_id: str | int) -> str:
        """Bring a session back from the trash; returns its name."""
        with write_transaction(self.db):
            row = self._row(name_or_id)
            self._touch(row["id"], deleted_at=None)
        return row["name"]

    def purge(self, name_or_id: str | int) -> None:
        """Remove a session and everything it holds for good."""
        with write_transaction(self.db):
            self.db.execute("DELETE FROM sessions WHERE id = ?", [self._row(name_or_id)["id"]])

    def set_view_state(self, name_or_id: str | int, state: Mapping[str, Any]) -> None:
        """Remember open panes, scroll positions and filters (a JSON object)."""
        text = _view_state_json(state)
        with write_transaction(self.db):
            self._touch(self._row(name_or_id)["id"], view_state=text)

    def add_constraint(self, name_or_id: str | int, constraint: Constraint) -> bool:
        """Record a manual link/unlink; False when it was already there."""
        with write_transaction(self.db):
            sid = self._row(name_or_id)["id"]
            key = codec.constraint_key(constraint)
            if any(codec.constraint_key(c) == key for c in self._constraints(sid)):
                return False
            # A link and an unlink of the same pair contradict: the newer decision wins.
            opposite = replace(constraint, kind="unlink" if constraint.kind == "link" else "link")
            self._delete_constraint(sid, opposite)
            self.db["constraints"].insert(codec.constraint_row(sid, constraint, now()))
            self._touch(sid)
        return True

    def remove_constraint(self, name_or_id: str | int, constraint: Constraint) -> int:
        """Forget a manual link/unlink; returns how many rows went."""
        with write_transaction(self.db):
            sid = self._row(name_or_id)["id"]
            n = self._delete_constraint(sid, constraint)
            if n:
                self._touch(sid)
        return n

    def _delete_constraint(self, sid: int, c: Constraint) -> int:
        key = codec.constraint_key(c)
        rows = self.db.query("SELECT * FROM constraints WHERE session_id = ?", [sid])
        gone = [r["id"] for r in rows if codec.constraint_key(codec.constraint_from_row(r)) == key]
        for rid in gone:
            self.db.execute("DELETE FROM constraints WHERE id = ?", [rid])
        return len(gone)

    def add_review(self, name_or_id: str | int, anchor: Anchor, reviewed: bool = True,
                   note: str = "") -> None:
        """Mark a passage reviewed (or not) and/or attach a note; replaces the previous one."""
        if not isinstance(note, str) or len(note) > 100_000:
            raise StoreError("a note must be text of at most 100,000 characters")
        with write_transaction(self.db):
            sid = self._row(name_or_id)["id"]
            self.db.execute(
                'INSERT INTO reviews (session_id, sha256, start, "end", text_hash, reviewed, note, updated) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, sha256, start, \"end\", text_hash) "
                "DO UPDATE SET reviewed = excluded.reviewed, note = excluded.note, updated = excluded.updated",
                [sid, anchor.sha256, anchor.start, anchor.end, anchor.text_hash, int(reviewed), note, now()])
            self._touch(sid)

    # -- search and files -----------------------------------------------------------------
    def search(self, text: str, limit: int = 100):
        """Sessions quoting ``text``: a list of search.SearchHit (one per sentence)."""
        from scocompare.store.search import search

        return search(self.db, text, limit=limit)

    def export_archive(self, name_or_id: str | int, path: str | Path) -> Path:
        """Write the session as one .scocompare file; returns its path."""
        from scocompare.store.archive import export_session

        return export_session(self, name_or_id, Path(path))

    def import_archive(self, path: str | Path) -> str:
        """Validate and import a .scocompare file; returns the new session's name."""
        from scocompare.store.archive import import_session

        return import_session(self, Path(path))


def _unique(constraints: Iterable[Constraint]) -> list[Constraint]:
    seen, out = set(), []
    for c in constraints:
        if codec.constraint_key(c) not in seen:
            seen.add(codec.constraint_key(c))
            out.append(c)
    return out


def _view_state_json(state: Mapping[str, Any]) -> str:
    if not isinstance(state, Mapping):
        raise StoreError("view state must be a JSON object")
    try:
        text = codec.dumps(state)
    except (TypeError, ValueError) as err:
        raise StoreError(f"view state is not plain JSON ({err})") from err
    if len(text.encode()) > MAX_VIEW_STATE:
        raise StoreError("view state is larger than 1 MB")
    return text


__all__ = ["SessionStore", "StoredSession", "SessionInfo", "Review", "StoreError"]
