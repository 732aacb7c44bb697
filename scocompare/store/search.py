"""Full-text search over every saved version of every session (SQLite FTS5).

FTS5 finds the versions; the hits are then placed on sentences (segment id and character
offsets) so the window can open the session at that sentence. The user's text is always
quoted for FTS (never FTS query syntax), so quotes, operators and SQL are plain words.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

import sqlite_utils

SNIPPET_CONTEXT = 60
MAX_QUERY = 500


@dataclass(frozen=True)
class SearchHit:
    """One sentence of one saved version that contains the searched words."""

    session_id: int
    session: str
    doc_id: str
    title: str
    segment: str | None  # segment id, None when the words span sentences
    start: int  # character offsets of the match in the document text
    end: int
    snippet: str


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _fold(text: str) -> str:
    """Case- and accent-folded copy with the same length (offsets stay valid)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0]
        low = base.lower()
        out.append(low if len(low) == 1 else base)
    return "".join(out)


def _fts_query(words: list[str]) -> tuple[str, str]:
    phrase = '"' + " ".join(words) + '"'
    every = " AND ".join(f'"{w}"' for w in words)
    return phrase, every


def _snippet(text: str, start: int, end: int) -> str:
    a = max(0, start - SNIPPET_CONTEXT)
    b = min(len(text), end + SNIPPET_CONTEXT)
    body = " ".join(text[a:b].split())
    return ("…" if a > 0 else "") + body + ("…" if b < len(text) else "")


def _segment_at(segments: list, start: int, end: int) -> str | None:
    for sid, _index, _par, s_start, s_end, _text, _boiler in segments:
        if s_start <= start and end <= s_end:
            return sid
    return None


def _locate(text: str, words: list[str], phrase: bool) -> list[tuple[int, int]]:
    folded = _fold(text)
    keys = [_fold(w) for w in words]
    if phrase:
        pattern = r"\b" + r"\W+".join(re.escape(k) for k in keys) + r"\b"
        return [(m.start(), m.end()) for m in re.finditer(pattern, folded)]
    # All words, anywhere: report each sentence that holds them all, by its first word.
    first = re.compile(r"\b" + re.escape(keys[0]) + r"\b")
    return [(m.start(), m.end()) for m in first.finditer(folded)]


def search(db: sqlite_utils.Database, text: str, limit: int = 100,
           include_trash: bool = False) -> list[SearchHit]:
    """Sentences quoting ``text`` (as a phrase; if nowhere, sentences holding every word),
    most recently updated sessions first."""
    words = _words(text[:MAX_QUERY])
    if not words:
        return []
    phrase, every = _fts_query(words)
    hits = _run(db, words, phrase, True, limit, include_trash)
    if not hits and len(words) > 1:
        hits = _run(db, words, every, False, limit, include_trash)
    return hits


def _run(db, words, query, phrase, limit, include_trash) -> list[SearchHit]:
    trash = "" if include_trash else "AND s.deleted_at IS NULL"
    rows = db.query(f"""
        SELECT s.id AS sid, s.name, v.doc_id, v.title, v.source, v.text, v.segments
        FROM versions_fts JOIN versions v ON v.rowid = versions_fts.rowid
        JOIN sessions s ON s.id = v.session_id
        WHERE versions_fts MATCH ? {trash}
        ORDER BY s.updated DESC, v.position""", [query])
    hits: list[SearchHit] = []
    for r in rows:
        segments = json.loads(r["segments"] or "[]")
        seen: set[str | None] = set()
        for start, end in _locate(r["text"], words, phrase):
            seg = _segment_at(segments, start, end)
            if not phrase:
                seg_text = _fold(next((s[5] for s in segments if s[0] == seg), ""))
                if not all(re.search(r"\b" + re.escape(_fold(w)) + r"\b", seg_text) for w in words):
                    continue
            if seg is not None and seg in seen:
                continue
            seen.add(seg)
            hits.append(SearchHit(r["sid"], r["name"], r["doc_id"], r["title"] or r["source"],
                                  seg, start, end, _snippet(r["text"], start, end)))
            if len(hits) >= limit:
                return hits
        if not seen and not phrase:
            # FTS found every word in this version, spread over several sentences.
            at = _locate(r["text"], words, False)
            start, end = at[0] if at else (0, 0)
            hits.append(SearchHit(r["sid"], r["name"], r["doc_id"], r["title"] or r["source"],
                                  None, start, end, _snippet(r["text"], start, end)))
            if len(hits) >= limit:
                return hits
    return hits
