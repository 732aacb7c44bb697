"""Field-by-field validation of a .scocompare manifest (types, lengths, sizes, hashes).

Every value that reaches the database is checked here first; anything unexpected is
refused with the path of the offending field, never coerced.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

HEX64 = re.compile(r"[0-9a-f]{64}")
HEX_HASH = re.compile(r"[0-9a-f]{8,64}")
DOC_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")
SEG_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")
MAX_STR = {"name": 1000, "title": 2000, "source": 8192, "note": 100_000, "stamp": 64,
           "version": 64, "text": 64 << 20}
MAX_CONSTRAINTS = 20_000
MAX_REVIEWS = 100_000
MAX_SEGMENTS = 200_000
MAX_JSON_DEPTH = 20


class Invalid(Exception):
    """A refused .scocompare file; the message names the field and the problem."""


def _t(value: Any, kind: type | tuple, where: str) -> Any:
    if isinstance(value, bool) and kind is int:
        raise Invalid(f"{where} must be a number")
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise Invalid(f"{where} must be {names}")
    return value


def _s(value: Any, where: str, limit: str) -> str:
    _t(value, str, where)
    if len(value) > MAX_STR[limit]:
        raise Invalid(f"{where} is too long ({len(value)} characters)")
    return value


def _int(value: Any, where: str, lo: int = 0, hi: int = 1 << 40) -> int:
    _t(value, int, where)
    if not lo <= value <= hi:
        raise Invalid(f"{where} is out of range")
    return value


def _plain(value: Any, where: str, depth: int = 0) -> None:
    """JSON made only of dicts, lists, strings, numbers, booleans and null, not too deep."""
    if depth > MAX_JSON_DEPTH:
        raise Invalid(f"{where} is nested too deeply")
    if isinstance(value, dict):
        for k, v in value.items():
            _s(k, f"{where} key", "name")
            _plain(v, where, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _plain(v, where, depth + 1)
    elif not (value is None or isinstance(value, str | int | float | bool)):
        raise Invalid(f"{where} holds a {type(value).__name__}")


def _anchor(a: Any, where: str) -> None:
    _t(a, dict, where)
    if set(a) != {"sha256", "start", "end", "text_hash"}:
        raise Invalid(f"{where} must have sha256, start, end and text_hash")
    if not isinstance(a["sha256"], str) or not HEX64.fullmatch(a["sha256"]):
        raise Invalid(f"{where}.sha256 is not a sha256")
    if not isinstance(a["text_hash"], str) or not HEX_HASH.fullmatch(a["text_hash"]):
        raise Invalid(f"{where}.text_hash is not a hash")
    _int(a["start"], f"{where}.start")
    _int(a["end"], f"{where}.end", lo=a["start"])


def _member(ref: Any, where: str, members: dict[str, bytes], suffix: str) -> bytes:
    _t(ref, dict, where)
    name = ref.get("member")
    if not isinstance(name, str) or not name.endswith(suffix) or name not in members:
        raise Invalid(f"{where} names a missing member")
    data = members[name]
    if _int(ref.get("size"), f"{where}.size") != len(data):
        raise Invalid(f"{name}: size differs from the manifest")
    return data


def _segments(segs: Any, where: str, text_len: int) -> None:
    _t(segs, list, where)
    if len(segs) > MAX_SEGMENTS:
        raise Invalid(f"{where}: too many segments")
    for k, seg in enumerate(segs):
        w = f"{where}[{k}]"
        if not isinstance(seg, list) or len(seg) != 7:
            raise Invalid(f"{w} is not a segment")
        sid, index, par, start, end, text, boiler = seg
        if not isinstance(sid, str) or not SEG_ID.fullmatch(sid):
            raise Invalid(f"{w}: bad segment id")
        _int(index, f"{w} index")
        _int(par, f"{w} paragraph")
        _int(start, f"{w} start", hi=text_len)
        _int(end, f"{w} end", lo=start, hi=text_len)
        _s(text, f"{w} text", "text")
        _t(boiler, bool, f"{w} boilerplate")


def _version(v: Any, k: int, members: dict[str, bytes], used: set[str]) -> None:
    w = f"versions[{k}]"
    _t(v, dict, w)
    if not isinstance(v.get("doc_id"), str) or not DOC_ID.fullmatch(v["doc_id"]):
        raise Invalid(f"{w}.doc_id is not a document id")
    _s(v.get("title"), f"{w}.title", "title")
    _s(v.get("source"), f"{w}.source", "source")
    _s(v.get("added"), f"{w}.added", "stamp")
    if not isinstance(v.get("sha256"), str) or not HEX64.fullmatch(v["sha256"]):
        raise Invalid(f"{w}.sha256 is not a sha256")
    _t(v.get("meta"), dict, f"{w}.meta")
    _plain(v["meta"], f"{w}.meta")
    text = _member(v.get("text"), f"{w}.text", members, ".txt")
    if v["text"].get("sha256") != hashlib.sha256(text).hexdigest():
        raise Invalid(f"{v['text']['member']}: sha256 differs from the manifest")
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError:
        raise Invalid(f"{v['text']['member']} is not UTF-8 text") from None
    _segments(v.get("segments"), f"{w}.segments", len(decoded))
    used.add(v["text"]["member"])
    if v.get("raw") is not None:
        raw = _member(v["raw"], f"{w}.raw", members, ".bin")
        if hashlib.sha256(raw).hexdigest() != v["sha256"]:
            raise Invalid(f"{v['raw']['member']}: sha256 differs from the version's sha256")
        used.add(v["raw"]["member"])


def check_manifest(m: Any, members: dict[str, bytes], fmt: str, max_versions: int) -> None:
    """Raise Invalid unless ``m`` is a complete, consistent manifest of format ``fmt``."""
    _t(m, dict, "manifest")
    if m.get("format") != fmt:
        got = m.get("format")
        raise Invalid(f"unsupported format {str(got)[:60]!r} (expected {fmt})")
    s = _t(m.get("session"), dict, "session")
    _s(s.get("name"), "session.name", "name")
    _s(s.get("created"), "session.created", "stamp")
    _s(s.get("updated"), "session.updated", "stamp")
    _s(s.get("engine_version"), "session.engine_version", "version")
    for key in ("params", "view_state"):
        _t(s.get(key), dict, f"session.{key}")
        _plain(s[key], f"session.{key}")
    if len(repr(s["view_state"])) > 1_000_000:
        raise Invalid("session.view_state is too large")
    versions = _t(m.get("versions"), list, "versions")
    if not 1 <= len(versions) <= max_versions:
        raise Invalid(f"versions: expected 1 to {max_versions}, found {len(versions)}")
    used: set[str] = set()
    for k, v in enumerate(versions):
        _version(v, k, members, used)
    if len({v["doc_id"] for v in versions}) != len(versions):
        raise Invalid("versions: document ids repeat")
    _int(s.get("base"), "session.base", hi=len(versions) - 1)
    cons = _t(m.get("constraints"), list, "constraints")
    if len(cons) > MAX_CONSTRAINTS:
        raise Invalid("too many constraints")
    for k, c in enumerate(cons):
        _t(c, dict, f"constraints[{k}]")
        if c.get("kind") not in ("link", "unlink"):
            raise Invalid(f"constraints[{k}].kind must be link or unlink")
        _anchor(c.get("a"), f"constraints[{k}].a")
        _anchor(c.get("b"), f"constraints[{k}].b")
        _s(c.get("note"), f"constraints[{k}].note", "note")
    revs = _t(m.get("reviews"), list, "reviews")
    if len(revs) > MAX_REVIEWS:
        raise Invalid("too many reviews")
    for k, r in enumerate(revs):
        _t(r, dict, f"reviews[{k}]")
        _anchor(r.get("anchor"), f"reviews[{k}].anchor")
        _t(r.get("reviewed"), bool, f"reviews[{k}].reviewed")
        _s(r.get("note"), f"reviews[{k}].note", "note")
        _s(r.get("updated"), f"reviews[{k}].updated", "stamp")
    if m.get("comparison") is not None:
        data = _member(m["comparison"], "comparison", members, ".json")
        if m["comparison"].get("sha256") != hashlib.sha256(data).hexdigest():
            raise Invalid("comparison.json: sha256 differs from the manifest")
        used.add("comparison.json")
    extra = set(members) - used
    if extra:
        raise Invalid(f"members not listed in the manifest: {', '.join(sorted(extra))[:120]}")
