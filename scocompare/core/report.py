"""Comparison <-> JSON (``"format": "scocompare.comparison/1"``, see DESIGN.md).

The required fields keep their names and meaning; extra fields (link evidence,
conflict labels, coverage by kind, constraints) are added beside them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from scocompare.core.errors import ScocompareError
from scocompare.core.model import (
    Anchor,
    Comparison,
    Conflict,
    Constraint,
    Coverage,
    Document,
    EngineInfo,
    FactValue,
    Group,
    Link,
    NearMiss,
    QuoteCheck,
    Segment,
)

FORMAT = "scocompare.comparison/1"


def _json_safe(meta: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in meta.items():
        if isinstance(v, str | int | float | bool) or v is None:
            out[k] = v
        elif isinstance(v, list | tuple) and all(isinstance(x, str | int | float) for x in v):
            out[k] = list(v)
    return out


def _anchor(a: Anchor) -> dict[str, Any]:
    return {"sha256": a.sha256, "start": a.start, "end": a.end, "text_hash": a.text_hash}


def to_dict(c: Comparison) -> dict[str, Any]:
    """The comparison as a JSON-ready dict in the documented format."""
    return {
        "format": FORMAT,
        "engine": {"version": c.engine.version, "scorer": c.engine.scorer, "threshold": c.engine.threshold},
        "base": c.base,
        "documents": [
            {
                "id": d.id,
                "title": d.title,
                "source": d.source,
                "sha256": d.sha256,
                "text": d.text,
                "meta": _json_safe(d.meta),
                "segments": [
                    {"id": s.id, "paragraph": s.paragraph, "start": s.start, "end": s.end,
                     "text": s.text, "boilerplate": s.boilerplate}
                    for s in d.segments
                ],
            }
            for d in c.documents
        ],
        "links": [
            {"a": lk.a, "b": lk.b, "score": lk.score, "kind": lk.kind, "moved": lk.moved,
             "origin": lk.origin, "scores": dict(lk.scores), "note": lk.note}
            for lk in c.links
        ],
        "groups": [{"segments": list(g.segments), "base": g.base} for g in c.groups],
        "conflicts": [
            {"kind": cf.kind, "scope": cf.scope, "label": cf.label,
             "values": [{"segment": v.segment, "text": v.text, "value": dict(v.value),
                         "start": v.start, "end": v.end, "agrees": v.agrees} for v in cf.values]}
            for cf in c.conflicts
        ],
        "coverage": {
            doc: {"against": cv.against, "covered": cv.covered, "dropped": list(cv.dropped),
                  "added": list(cv.added), "by_kind": dict(cv.by_kind)}
            for doc, cv in c.coverage.items()
        },
        "constraints": [
            {"kind": k.kind, "a": _anchor(k.a), "b": _anchor(k.b), "note": k.note}
            for k in c.constraints
        ],
        "quotes": [
            {"segment": q.segment, "start": q.start, "end": q.end, "text": q.text,
             "status": q.status, "found_in": list(q.found_in),
             "changes": [list(ch) for ch in q.changes]}
            for q in c.quotes
        ],
        "near_misses": [{"a": n.a, "b": n.b, "score": round(n.score, 4)} for n in c.near_misses],
    }


def from_dict(d: Mapping[str, Any]) -> Comparison:
    """Rebuild a Comparison from :func:`to_dict` output; raises ScocompareError if malformed."""
    if not isinstance(d, Mapping) or d.get("format") != FORMAT:
        raise ScocompareError(f"not a comparison in format {FORMAT}")
    try:
        docs = []
        for doc in d["documents"]:
            segs = tuple(
                Segment(id=s["id"], doc=doc["id"], index=k, paragraph=int(s["paragraph"]),
                        start=int(s["start"]), end=int(s["end"]), text=s["text"],
                        boilerplate=bool(s.get("boilerplate", False)))
                for k, s in enumerate(doc["segments"])
            )
            docs.append(Document(id=doc["id"], title=doc["title"], source=doc["source"],
                                 sha256=doc["sha256"], text=doc["text"], segments=segs,
                                 meta=dict(doc.get("meta") or {})))
        links = tuple(
            Link(a=x["a"], b=x["b"], score=float(x["score"]), kind=x["kind"],
                 moved=bool(x.get("moved", False)), origin=x.get("origin", "auto"),
                 scores=dict(x.get("scores") or {}), note=x.get("note", ""))
            for x in d["links"]
        )
        groups = tuple(Group(segments=tuple(g["segments"]), base=g.get("base")) for g in d["groups"])
        conflicts = tuple(
            Conflict(kind=cf["kind"], scope=cf["scope"], label=cf.get("label", ""),
                     values=tuple(FactValue(segment=v["segment"], text=v["text"],
                                            value=dict(v["value"]), start=int(v.get("start", -1)),
                                            end=int(v.get("end", -1)),
                                            agrees=v.get("agrees")) for v in cf["values"]))
            for cf in d["conflicts"]
        )
        coverage = {
            doc: Coverage(doc=doc, against=cv["against"], covered=float(cv["covered"]),
                          dropped=tuple(cv["dropped"]), added=tuple(cv["added"]),
                          by_kind=dict(cv.get("by_kind") or {}))
            for doc, cv in d["coverage"].items()
        }
        constraints = tuple(
            Constraint(kind=k["kind"], a=Anchor(**k["a"]), b=Anchor(**k["b"]), note=k.get("note", ""))
            for k in d.get("constraints", [])
        )
        quotes = tuple(
            QuoteCheck(segment=q["segment"], start=int(q["start"]), end=int(q["end"]),
                       text=q["text"], status=q["status"], found_in=tuple(q.get("found_in", ())),
                       changes=tuple(tuple(ch) for ch in q.get("changes", ())))
            for q in d.get("quotes", [])
        )
        near = tuple(NearMiss(a=n["a"], b=n["b"], score=float(n["score"]))
                     for n in d.get("near_misses", []))
        eng = d["engine"]
        return Comparison(
            documents=tuple(docs), base=d["base"], links=links, groups=groups,
            conflicts=conflicts, coverage=coverage,
            engine=EngineInfo(version=str(eng["version"]), scorer=str(eng["scorer"]),
                              threshold=float(eng["threshold"])),
            constraints=constraints,
            quotes=quotes,
            near_misses=near,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise ScocompareError(f"malformed comparison JSON ({type(err).__name__}: {err})") from None


def dumps(c: Comparison, indent: int | None = 2) -> str:
    """JSON text of a comparison."""
    return json.dumps(to_dict(c), ensure_ascii=False, indent=indent)


def loads(text: str) -> Comparison:
    """Comparison from JSON text; raises ScocompareError on bad JSON."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ScocompareError(f"not valid JSON (line {err.lineno}: {err.msg})") from None
    return from_dict(data)
