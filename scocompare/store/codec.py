"""Model records <-> database rows (JSON text columns, anchors split into columns)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from scocompare.core.model import Anchor, Constraint, Document, Segment


@dataclass(frozen=True)
class Review:
    """A reviewed mark and/or note the user put on one passage, located by anchor."""

    anchor: Anchor
    reviewed: bool = True
    note: str = ""
    updated: str = ""


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def segments_to_json(segments: Iterable[Segment]) -> str:
    return dumps([[s.id, s.index, s.paragraph, s.start, s.end, s.text, bool(s.boilerplate)]
                  for s in segments])


def segments_from_json(doc_id: str, text: str) -> tuple[Segment, ...]:
    out = []
    for sid, index, paragraph, start, end, seg_text, boiler in json.loads(text):
        out.append(Segment(id=str(sid), doc=doc_id, index=int(index), paragraph=int(paragraph),
                           start=int(start), end=int(end), text=str(seg_text),
                           boilerplate=bool(boiler)))
    return tuple(out)


def version_row(session_id: int, position: int, doc: Document, added: str) -> dict[str, Any]:
    return {
        "session_id": session_id,
        "position": position,
        "doc_id": doc.id,
        "title": doc.title or "",
        "source": doc.source or "",
        "sha256": doc.sha256,
        "text": doc.text,
        "segments": segments_to_json(doc.segments),
        "meta": dumps(jsonable(doc.meta)),
        "added": added,
        # Pasted text has no bytes: NULL rather than b"" so "no original" is explicit.
        "raw": bytes(doc.raw) if doc.raw else None,
    }


def document_from_row(row: Mapping[str, Any]) -> Document:
    meta = dict(json.loads(row["meta"] or "{}"))
    meta.setdefault("added", row["added"])
    return Document(
        id=row["doc_id"], title=row["title"], source=row["source"], sha256=row["sha256"],
        text=row["text"], segments=segments_from_json(row["doc_id"], row["segments"]),
        meta=meta, raw=bytes(row["raw"]) if row["raw"] is not None else b"",
    )


def raw_matches(row: Mapping[str, Any]) -> bool:
    """True when the stored original bytes still hash to the stored sha256."""
    if row["raw"] is None:
        return True
    return hashlib.sha256(bytes(row["raw"])).hexdigest() == row["sha256"]


def jsonable(value: Any) -> Any:
    """Best-effort plain-JSON copy of metadata (dates and the like become strings)."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def anchor_cols(prefix: str, anchor: Anchor) -> dict[str, Any]:
    return {f"{prefix}sha256": anchor.sha256, f"{prefix}start": int(anchor.start),
            f"{prefix}end": int(anchor.end), f"{prefix}hash": anchor.text_hash}


def constraint_row(session_id: int, c: Constraint, created: str) -> dict[str, Any]:
    if c.kind not in ("link", "unlink"):
        raise ValueError(f"constraint kind must be 'link' or 'unlink', not {c.kind!r}")
    return {"session_id": session_id, "kind": c.kind, **anchor_cols("a_", c.a),
            **anchor_cols("b_", c.b), "note": c.note or "", "created": created}


def constraint_from_row(row: Mapping[str, Any]) -> Constraint:
    a = Anchor(row["a_sha256"], row["a_start"], row["a_end"], row["a_hash"])
    b = Anchor(row["b_sha256"], row["b_start"], row["b_end"], row["b_hash"])
    return Constraint(kind=row["kind"], a=a, b=b, note=row["note"])


def constraint_key(c: Constraint) -> tuple:
    """Identity of a constraint: kind plus the unordered pair of anchors."""
    ends = sorted([(c.a.sha256, c.a.start, c.a.end, c.a.text_hash),
                   (c.b.sha256, c.b.start, c.b.end, c.b.text_hash)])
    return (c.kind, *ends)


def constraints_digest(constraints: Iterable[Constraint]) -> str:
    keys = sorted({constraint_key(c) for c in constraints})
    return hashlib.sha256(dumps(keys).encode()).hexdigest()


def review_from_row(row: Mapping[str, Any]) -> Review:
    return Review(anchor=Anchor(row["sha256"], row["start"], row["end"], row["text_hash"]),
                  reviewed=bool(row["reviewed"]), note=row["note"], updated=row["updated"])


def anchor_to_dict(a: Anchor) -> dict[str, Any]:
    return {"sha256": a.sha256, "start": a.start, "end": a.end, "text_hash": a.text_hash}
