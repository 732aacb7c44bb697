"""`scocompare sessions list | show NAME | export NAME (--json|--pdf|--html|--scocompare) OUT |
import FILE.scocompare | delete NAME`."""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path

from scocompare.core.errors import InputError, ScocompareError


def _store():
    from scocompare.store.sessions import SessionStore

    return SessionStore()


def _when(stamp: str | None) -> str:
    return (stamp or "")[:16].replace("T", " ")


def _list(store) -> int:
    sessions = store.list()
    if not sessions:
        print("No saved sessions. Save one with: scocompare compare FILE... --save NAME")
        return 0
    # The name goes last and whole: it is what `sessions show NAME` takes, and a long one
    # in the first column pushed every later column of its row out of line. The base
    # title is elided to a fixed width instead (it is only there to recognise a session).
    width = 36
    print(f"VERSIONS  UPDATED (UTC)     {'BASE':<{width}}  NAME")
    for s in sessions:
        base = s.base_title if len(s.base_title) <= width else s.base_title[:width - 1] + "…"
        print(f"{s.versions:>8}  {_when(s.updated):<16}  {base:<{width}}  {s.name}")
    return 0


def _show(store, name: str) -> int:
    s = store.load(name)
    w = sys.stdout.write
    w(f"Session: {s.name}\nCreated: {_when(s.created)} UTC   Updated: {_when(s.updated)} UTC\n")
    if s.realigned or s.reason:
        w(f"Note: {'re-aligned: ' if s.realigned else ''}{s.reason}\n")
    for warning in s.warnings:
        w(f"Warning: {warning}\n")
    c = s.comparison
    if c is not None:
        w(f"Engine: {c.engine.version}, scorer {c.engine.scorer}, threshold {c.engine.threshold:.2f}\n")
    w(f"\nVersions ({len(s.documents)}):\n")
    for k, d in enumerate(s.documents):
        mark = "base" if k == s.base else (
            f"covers {c.coverage[d.id].covered * 100:.0f}%" if c and d.id in c.coverage else "")
        w(f"  {k + 1}. {d.title or d.id} [{mark}]\n     {d.source}  sha256 {d.sha256[:12]}…  "
          f"added {_when(str(d.meta.get('added', '')))}\n")
    if c is not None:
        w(f"\nLinks: {len(c.links)}   Conflicting facts: {len(c.conflicts)}\n")
        for cf in c.conflicts:
            w(f"  [{cf.kind}, {cf.scope}] {cf.label or cf.kind}: "
              + "; ".join(repr(v.text) for v in cf.values) + "\n")
    links = sum(1 for k in s.constraints if k.kind == "link")
    w(f"Manual links: {links}   Manual unlinks: {len(s.constraints) - links}   "
      f"Reviewed: {sum(1 for r in s.reviews if r.reviewed)}   "
      f"Notes: {sum(1 for r in s.reviews if r.note)}\n")
    return 0


def _check_out(out: str, allow_stdout: bool) -> None:
    if out == "-":
        if not allow_stdout:
            raise InputError(out, "this export needs a file name, not standard output")
        return
    p = Path(out)
    if p.is_dir():
        raise InputError(out, "output is a directory")
    if not p.parent.exists():
        raise InputError(out, "output folder does not exist")


def _export(store, args) -> int:
    if args.scocompare:
        _check_out(args.out, allow_stdout=False)
        path = store.export_archive(args.name, args.out)
        print(f"Wrote {path}", file=sys.stderr)
        return 0
    _check_out(args.out, allow_stdout=not args.pdf)
    s = store.load(args.name)
    if s.comparison is None:
        raise ScocompareError(f"session {s.name!r} has no comparison to export ({s.reason})")
    if args.json:
        from scocompare.export.json_export import write_json

        write_json(s.comparison, args.out)
    else:
        module, func, label = ("pdf", "write_pdf", "PDF") if args.pdf else ("html", "write_html", "HTML")
        try:
            write = getattr(importlib.import_module(f"scocompare.export.{module}"), func)
        except (ImportError, AttributeError):
            raise ScocompareError(f"{label} export is not available yet") from None
        accepted = inspect.signature(write).parameters
        extra = {k: v for k, v in (("reviews", s.reviews), ("title", s.name)) if k in accepted}
        write(s.comparison, args.out, **extra)
    if args.out != "-":
        print(f"Wrote {args.out}", file=sys.stderr)
    return 0


def run(args) -> int:
    """Dispatch one `sessions` action; errors reach the user as one line (cli.main)."""
    if args.action == "import":
        if not Path(args.file).is_file():
            raise InputError(args.file, "no such file" if not Path(args.file).exists() else "not a file")
    with _store() as store:
        if args.action == "list":
            return _list(store)
        if args.action == "show":
            return _show(store, args.name)
        if args.action == "export":
            return _export(store, args)
        if args.action == "import":
            name = store.import_archive(args.file)
            print(f"Imported as session {name!r}")
            return 0
        if args.action == "delete":
            store.delete(args.name)
            print(f"Moved session {args.name!r} to the trash (restore it from the sessions browser)")
            return 0
    raise ScocompareError(f"unknown sessions action {args.action!r}")
