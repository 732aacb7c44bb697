"""Opening the sessions database: checks, pragmas, backups and migrations.

A damaged file is moved aside (never overwritten) so the user can start fresh; a file
written by a newer scocompare is left exactly as it is. Every write goes through
:func:`write_transaction`, one ``BEGIN IMMEDIATE`` transaction per user change, so a
crash loses at most the change being written.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from scocompare.store.errors import StoreError
from scocompare.store.migrations import MIGRATIONS, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 15.0
_SIDE_FILES = ("-wal", "-shm", "-journal")


def default_path() -> Path:
    """``sessions.db`` in the platform's user data directory."""
    from scocompare.paths import data_dir

    return data_dir() / "sessions.db"


def _stamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def _is_busy(err: sqlite3.Error) -> bool:
    msg = str(err).lower()
    return "locked" in msg or "busy" in msg


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its WAL, which may hold good pages) out of the way."""
    target = path.with_name(f"{path.name}.corrupt-{_stamp()}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{_stamp()}-{n}")
    os.replace(path, target)
    for suffix in _SIDE_FILES:
        side = Path(str(path) + suffix)
        if side.exists():
            os.replace(side, Path(str(target) + suffix))
    return target


def _damaged(path: Path, problem: str) -> StoreError:
    target = move_aside(path)
    return StoreError(
        f"{path}: session database is damaged ({problem}); its bytes were moved aside to "
        f"{target.name} and the next start uses a fresh, empty database"
    )


def inspect(path: Path) -> int:
    """Read-only check of an existing file: returns its schema version.

    Raises StoreError (after moving the file aside) when it is not a healthy SQLite
    database, and StoreError (leaving it untouched) when its schema is newer than ours.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as err:
        raise StoreError(f"{path}: cannot read the session database ({err.strerror})") from err
    if not head:
        return 0  # an empty file is what sqlite3 itself creates; treat as new
    if head != SQLITE_MAGIC:
        raise _damaged(path, "not an SQLite database")
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{path}: session database is from a newer scocompare (schema {version}, "
                    f"this version reads up to {SCHEMA_VERSION}); it was left untouched — "
                    "update scocompare, or move the file away to start fresh"
                )
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        if _is_busy(err):
            raise StoreError(f"{path}: session database is busy (another scocompare is "
                             "writing); try again") from err
        raise _damaged(path, str(err)) from err
    if check != "ok":
        raise _damaged(path, f"integrity check: {check}")
    return version


def backup(db: sqlite_utils.Database, path: Path, version: int) -> Path:
    """Consistent copy (WAL contents included) taken before migrating from ``version``."""
    target = path.with_name(f"{path.name}.bak-v{version}-{_stamp()}")
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


def guarded(cls):
    """Class decorator: sqlite errors from public methods reach the user as one StoreError
    line naming the database (busy, disk full, damaged pages found while reading)."""

    def wrap(fn):
        @functools.wraps(fn)
        def method(self, *args, **kwargs):
            try:
                # One connection shared by the UI thread and workers: one call at a time.
                with self._lock:
                    return fn(self, *args, **kwargs)
            except sqlite3.DatabaseError as err:
                if _is_busy(err):
                    raise StoreError(f"{self.path}: session database is busy (another "
                                     "scocompare is writing); try again") from err
                raise StoreError(f"{self.path}: session database error ({err})") from err
        return method

    for name, fn in list(vars(cls).items()):
        if callable(fn) and not name.startswith("_"):
            setattr(cls, name, wrap(fn))
    return cls


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One IMMEDIATE transaction: takes the write lock up front so two processes
    queue on busy_timeout instead of failing on a lock upgrade half-way."""
    db.conn.execute("BEGIN IMMEDIATE")  # busy errors become StoreError in @guarded
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def migrate(db: sqlite_utils.Database, path: Path | None) -> list[Path]:
    """Bring the schema to SCHEMA_VERSION, one transaction per step; returns backups made."""
    backups: list[Path] = []
    current = db.conn.execute("PRAGMA user_version").fetchone()[0]
    if current >= SCHEMA_VERSION:
        return backups
    if current > 0 and path is not None:
        backups.append(backup(db, path, current))
    for target in range(current + 1, SCHEMA_VERSION + 1):
        with write_transaction(db):
            # Another process may have migrated while we waited for the lock.
            now = db.conn.execute("PRAGMA user_version").fetchone()[0]
            if now >= target:
                continue
            MIGRATIONS[target - 1](db)
            db.conn.execute(f"PRAGMA user_version = {int(target)}")
    return backups


def open_database(path: Path | None = None) -> tuple[sqlite_utils.Database, Path, list[Path]]:
    """Open (creating or migrating as needed) the sessions database.

    Returns the database, its path and the backup copies taken before migrating.
    """
    path = Path(path) if path is not None else default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        inspect(path)
    try:
        # check_same_thread=False: the GUI opens the store on the UI thread and saves from
        # its worker pool; SessionStore serialises calls with a lock instead.
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StoreError(f"{path}: cannot switch the session database to WAL mode ({mode})")
        # FULL: each committed change reaches the disk before we report it saved.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = sqlite_utils.Database(conn, execute_plugins=False)
        backups = migrate(db, path)
    except sqlite3.DatabaseError as err:
        if _is_busy(err):
            raise StoreError(f"{path}: session database is busy ({err}); try again") from err
        raise StoreError(f"{path}: cannot open the session database ({err})") from err
    return db, path, backups
