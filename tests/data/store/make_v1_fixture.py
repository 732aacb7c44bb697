"""Write sessions-v1.db: a database in the first released schema (user_version 1).

Run once from the project root (`.venv/bin/python tests/data/store/make_v1_fixture.py`);
the output is committed so that migration tests open a genuinely old file. It holds one
session ("Port reopening (v1)") with two versions, a manual unlink, a review note and a
comparison cached by an older engine (0.0.9), so opening it must re-align.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from scocompare.core.model import EngineInfo  # noqa: E402
from scocompare.core.report import dumps  # noqa: E402
from scocompare.store.migrations import V1_SCHEMA  # noqa: E402
from tests.test_store_support import an_unlink, make_comparison  # noqa: E402

OUT = HERE / "sessions-v1.db"
STAMP = "2024-03-12T09:30:00.000+00:00"


def main() -> None:
    comparison = make_comparison(2)
    unlink = an_unlink(comparison)
    old = replace(comparison, engine=EngineInfo("0.0.9", comparison.engine.scorer,
                                                comparison.engine.threshold))
    OUT.unlink(missing_ok=True)
    conn = sqlite3.connect(OUT)
    conn.executescript(V1_SCHEMA)
    params = json.dumps({"scorer": "lexical", "engine_threshold": 0.45,
                         "scorer_name": comparison.engine.scorer})
    conn.execute("INSERT INTO sessions (id, name, created, updated, base, params, engine_version) "
                 "VALUES (1, 'Port reopening (v1)', ?, ?, 0, ?, '0.0.9')", (STAMP, STAMP, params))
    for pos, d in enumerate(comparison.documents):
        segs = [[s.id, s.index, s.paragraph, s.start, s.end, s.text, s.boilerplate]
                for s in d.segments]
        assert hashlib.sha256(d.raw).hexdigest() == d.sha256
        conn.execute("INSERT INTO versions (session_id, position, doc_id, title, source, sha256, "
                     "text, segments, meta, added, raw) VALUES (1, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)",
                     (pos, d.id, d.title, d.source, d.sha256, d.text, json.dumps(segs), STAMP, d.raw))
    a, b = unlink.a, unlink.b
    conn.execute("INSERT INTO constraints (session_id, kind, a_sha256, a_start, a_end, a_hash, "
                 "b_sha256, b_start, b_end, b_hash, note, created) "
                 "VALUES (1, 'unlink', ?, ?, ?, ?, ?, ?, ?, ?, 'not the same claim', ?)",
                 (a.sha256, a.start, a.end, a.text_hash, b.sha256, b.start, b.end, b.text_hash, STAMP))
    conn.execute('INSERT INTO reviews (session_id, sha256, start, "end", text_hash, reviewed, note, '
                 "updated) VALUES (1, ?, ?, ?, ?, 1, 'checked against the statement', ?)",
                 (a.sha256, a.start, a.end, a.text_hash, STAMP))
    conn.execute("INSERT INTO caches (session_id, engine_version, constraints_digest, comparison) "
                 "VALUES (1, '0.0.9', 'none', ?)", (dumps(old, indent=None),))
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
