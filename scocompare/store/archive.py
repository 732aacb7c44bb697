""".scocompare files: one session in one file, to send to a colleague.

Format: a zip archive (``manifest.json``, ``comparison.json``, ``versions/N.txt`` and
``versions/N.bin``). A zip rather than one JSON file because the original bytes of PDF
or DOCX versions travel as they are (no base64 third), each member's size is known
before reading it, and any unzip tool can show what is inside.

Import trusts nothing: only the member names this module writes are accepted, nothing is
extracted to disk (members are read into memory with bounded reads, so a zip bomb or a
lying size header stops at the limit), every size and sha256 is checked, every field is
type- and length-checked, and only JSON is parsed (no pickle, no eval). Names are cleaned
and stored as plain text.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scocompare import __version__
from scocompare.atomic import atomic_write
from scocompare.store import codec
from scocompare.store.archive_check import Invalid, check_manifest
from scocompare.store.errors import StoreError
from scocompare.store.names import clean_name, numbered

if TYPE_CHECKING:
    from scocompare.store.sessions import SessionStore

FORMAT = "scocompare.session/1"
MAX_FILE = 1 << 30  # bytes of the .scocompare file itself
MAX_MEMBER = 128 << 20  # one version's original bytes (or the comparison JSON)
MAX_MANIFEST = 64 << 20
MAX_TOTAL = 1 << 30  # all members, uncompressed
MAX_VERSIONS = 200
MEMBER_NAME = re.compile(r"(manifest\.json|comparison\.json|versions/[1-9][0-9]{0,3}\.(txt|bin))")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def export_session(store: SessionStore, name_or_id: str | int, path: Path) -> Path:
    """Write one session (versions with original bytes, links, reviews, view state and the
    saved comparison) to ``path`` atomically."""
    s = store.load(name_or_id, realign_if_needed=False)
    members: dict[str, bytes] = {}
    versions = []
    for n, doc in enumerate(s.documents, start=1):
        text = doc.text.encode("utf-8")
        members[f"versions/{n}.txt"] = text
        entry: dict[str, Any] = {
            "doc_id": doc.id, "title": doc.title, "source": doc.source, "sha256": doc.sha256,
            "added": str(doc.meta.get("added", "")),
            "meta": codec.jsonable({k: v for k, v in doc.meta.items() if k != "added"}),
            "segments": json.loads(codec.segments_to_json(doc.segments)),
            "text": {"member": f"versions/{n}.txt", "size": len(text), "sha256": _sha(text)},
            "raw": None,
        }
        if doc.raw:
            members[f"versions/{n}.bin"] = doc.raw
            entry["raw"] = {"member": f"versions/{n}.bin", "size": len(doc.raw)}
        versions.append(entry)
    comparison = None
    if s.comparison is not None:
        from scocompare.core.report import dumps

        data = dumps(s.comparison, indent=None).encode("utf-8")
        members["comparison.json"] = data
        comparison = {"member": "comparison.json", "size": len(data), "sha256": _sha(data)}
    manifest = {
        "format": FORMAT, "scocompare": __version__,
        "session": {"name": s.name, "created": s.created, "updated": s.updated, "base": s.base,
                    "params": dict(s.params), "engine_version": s.engine_version,
                    "view_state": dict(s.view_state)},
        "versions": versions,
        "constraints": [{"kind": c.kind, "a": codec.anchor_to_dict(c.a),
                         "b": codec.anchor_to_dict(c.b), "note": c.note} for c in s.constraints],
        "reviews": [{"anchor": codec.anchor_to_dict(r.anchor), "reviewed": r.reviewed,
                     "note": r.note, "updated": r.updated} for r in s.reviews],
        "comparison": comparison,
    }
    path = Path(path)
    try:
        with atomic_write(path, "wb", encoding=None) as fh, \
                zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            for name, data in members.items():
                zf.writestr(name, data)
    except OSError as err:
        raise StoreError(f"{path}: cannot write the session file ({err.strerror or err})") from err
    return path


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise Invalid(f"{info.filename} is too large ({info.file_size} bytes, limit {limit})")
    with zf.open(info) as fh:
        data = fh.read(limit + 1)  # never trust the header: stop one byte past the limit
    if len(data) > limit or len(data) != info.file_size:
        raise Invalid(f"{info.filename}: its size does not match the archive header")
    return data


def read_archive(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Validated manifest and members of a .scocompare file (raises Invalid)."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise Invalid(f"cannot read it ({err.strerror})") from err
    if not path.is_file():
        raise Invalid("not a file")
    if size > MAX_FILE:
        raise Invalid(f"too large ({size} bytes, limit {MAX_FILE})")
    if not zipfile.is_zipfile(path):
        raise Invalid("not a .scocompare session file (not a zip archive)")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = [i.filename for i in infos]
            if len(infos) > 2 + 2 * MAX_VERSIONS:
                raise Invalid(f"too many members ({len(infos)})")
            if len(set(names)) != len(names):
                raise Invalid("duplicate member names")
            for info in infos:
                if not MEMBER_NAME.fullmatch(info.filename):
                    raise Invalid(f"unexpected member {info.filename[:80]!r}")
                if info.flag_bits & 0x1:
                    raise Invalid(f"{info.filename} is encrypted")
                if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    raise Invalid(f"{info.filename}: unsupported compression")
            if sum(i.file_size for i in infos) > MAX_TOTAL:
                raise Invalid("members add up to more than the size limit")
            if "manifest.json" not in names:
                raise Invalid("manifest.json is missing")
            by_name = {i.filename: i for i in infos}
            raw_manifest = _read_member(zf, by_name.pop("manifest.json"), MAX_MANIFEST)
            members = {n: _read_member(zf, i, MAX_MEMBER) for n, i in by_name.items()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, zlib.error) as err:
        raise Invalid(f"damaged archive ({err})") from err
    except OSError as err:
        raise Invalid(f"damaged archive ({err})") from err
    try:
        manifest = json.loads(raw_manifest.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise Invalid("manifest.json is not valid JSON") from err
    check_manifest(manifest, members, FORMAT, MAX_VERSIONS)
    return manifest, members


def import_session(store: SessionStore, path: Path) -> str:
    """Validate a .scocompare file and add it as a new session; returns the name given."""
    try:
        manifest, members = read_archive(path)
        comparison = _comparison(manifest, members)
    except Invalid as err:
        raise StoreError(f"{path}: refused: {err}") from None
    from scocompare.store.db import write_transaction
    from scocompare.store.sessions import now

    sess = manifest["session"]
    wanted = clean_name(sess["name"]) if sess["name"].strip() else "Imported session"
    stamp = now()
    with write_transaction(store.db):
        name = numbered(wanted, store._taken)
        sid = store.db["sessions"].insert({
            "name": name, "created": sess["created"] or stamp, "updated": stamp,
            "base": sess["base"], "params": codec.dumps(sess["params"]),
            "engine_version": sess["engine_version"], "view_state": codec.dumps(sess["view_state"]),
        }).last_pk
        for pos, v in enumerate(manifest["versions"]):
            store.db["versions"].insert({
                "session_id": sid, "position": pos, "doc_id": v["doc_id"], "title": v["title"],
                "source": v["source"], "sha256": v["sha256"],
                "text": members[v["text"]["member"]].decode("utf-8"),
                "segments": codec.dumps(v["segments"]), "meta": codec.dumps(v["meta"]),
                "added": v["added"] or stamp,
                "raw": members[v["raw"]["member"]] if v["raw"] else None,
            })
        for c in manifest["constraints"]:
            store.db["constraints"].insert({
                "session_id": sid, "kind": c["kind"], "note": c["note"], "created": stamp,
                **{f"a_{k if k != 'text_hash' else 'hash'}": x for k, x in c["a"].items()},
                **{f"b_{k if k != 'text_hash' else 'hash'}": x for k, x in c["b"].items()}})
        for r in manifest["reviews"]:
            store.db["reviews"].insert({"session_id": sid, **r["anchor"],
                                        "reviewed": int(r["reviewed"]), "note": r["note"],
                                        "updated": r["updated"] or stamp}, replace=True)
        if comparison is not None:
            # The digest of the constraints the comparison was made with: if the archive's
            # manual links differ, the first load re-aligns.
            store.db["caches"].insert({
                "session_id": sid, "engine_version": comparison.engine.version,
                "constraints_digest": codec.constraints_digest(comparison.constraints),
                "comparison": members["comparison.json"].decode("utf-8")})
    return name


def _comparison(manifest: dict[str, Any], members: dict[str, bytes]):
    if manifest["comparison"] is None:
        return None
    from scocompare.core.errors import ScocompareError
    from scocompare.core.report import loads

    try:
        comparison = loads(members["comparison.json"].decode("utf-8"))
    except (ScocompareError, UnicodeDecodeError, RecursionError) as err:
        raise Invalid(f"comparison.json is not a valid comparison ({err})") from None
    docs = [(d.id, d.sha256) for d in comparison.documents]
    if docs != [(v["doc_id"], v["sha256"]) for v in manifest["versions"]]:
        raise Invalid("comparison.json does not match the versions in the manifest")
    return comparison
