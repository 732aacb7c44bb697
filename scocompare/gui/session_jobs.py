"""Session helpers that run beside the store (on worker threads): names, manual links,
reviewed marks. No widgets here.
"""

from __future__ import annotations

from typing import Any

from scocompare.core.model import Anchor, Constraint
from scocompare.store.sessions import SessionStore

ALIGNER_KINDS = ("link", "unlink")
# Reviewed marks join a pair of passages; the store's reviews table keys one passage,
# so the marks travel whole inside the stored view state under this key.
REVIEWED_KEY = "reviewed_marks"
UNTITLED = "Untitled comparison"
NAME_LENGTH = 90  # automatic names: long headlines are cut (the store allows 120)


def _anchor_json(a: Anchor) -> list:
    return [a.sha256, a.start, a.end, a.text_hash]


def _anchor(v: Any) -> Anchor:
    sha, start, end, text_hash = v
    return Anchor(str(sha), int(start), int(end), str(text_hash))


def reviewed_to_json(constraints) -> list[dict]:
    """Reviewed marks (Constraint kind 'reviewed') as plain JSON for the view state."""
    return [{"a": _anchor_json(c.a), "b": _anchor_json(c.b), "note": c.note}
            for c in constraints if c.kind == "reviewed"]


def reviewed_from_json(items) -> list[Constraint]:
    """The reverse of reviewed_to_json; malformed entries are skipped (a file is not code)."""
    out = []
    for it in items if isinstance(items, list) else []:
        try:
            out.append(Constraint("reviewed", _anchor(it["a"]), _anchor(it["b"]), str(it.get("note", ""))))
        except (KeyError, TypeError, ValueError):
            continue
    return out


def base_title(comparison) -> str:
    """The base version's title as a session name ("" when it has none)."""
    try:
        base = comparison.document(comparison.base)
    except (KeyError, ValueError):
        return ""
    title = " ".join((base.title or "").split())
    if title == base.id:
        return ""
    if len(title) > NAME_LENGTH:  # cut at a word, and show that it was cut
        title = title[:NAME_LENGTH].rsplit(" ", 1)[0].rstrip(" ,;:-–—") + "…"
    return title


def auto_name(store: SessionStore, wanted: str = "") -> str:
    """A free name: the base version's title (numbered if taken), else "Untitled comparison N"."""
    if wanted:
        from scocompare.store.names import numbered

        return numbered(wanted, store.exists)
    n = 1
    while store.exists(f"{UNTITLED} {n}"):
        n += 1
    return f"{UNTITLED} {n}"


def with_constraints(comparison, links):
    """The comparison carrying exactly these manual links/unlinks."""
    from dataclasses import replace

    return replace(comparison, constraints=tuple(links))


def sync_constraints(store: SessionStore, sid: int, links) -> None:
    """Make the session's manual links/unlinks the window's (undo removes them too)."""
    from scocompare.store import codec

    stored = store.load(sid, realign_if_needed=False).constraints
    want = {codec.constraint_key(c): c for c in links}
    have = {codec.constraint_key(c): c for c in stored}
    for key, c in have.items():
        if key not in want:
            store.remove_constraint(sid, c)
    for key, c in want.items():
        if key not in have:
            store.add_constraint(sid, c)
