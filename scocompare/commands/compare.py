"""`scocompare compare FILE... [--base N] [--json|--pdf|--html|--csv OUT] [--save NAME]`."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import TextIO

from scocompare.core.errors import InputError, ScocompareError
from scocompare.core.model import Comparison

KIND_ORDER = ("identical", "near", "paraphrase", "shift", "partial")
NEAR_SHOWN = 8  # near misses listed in the summary, closest first


def _doc_name(c: Comparison, seg_id: str) -> str:
    doc = c.document(seg_id.split(".", 1)[0])
    return Path(doc.source).name or doc.title or doc.id


def _excerpt(text: str, width: int = 72) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def print_summary(c: Comparison, out: TextIO) -> None:
    """A short human summary: coverage per version, counts by kind, shifts, each conflict."""
    base = c.document(c.base)
    n_base = len(base.content_segments())
    w = out.write
    w(f"Base: {base.title!r} ({Path(base.source).name}), {n_base} sentences\n")
    w(f"Scorer: {c.engine.scorer}, threshold {c.engine.threshold:.2f}, engine {c.engine.version}\n\n")
    w("Coverage of the base by each version:\n")
    for doc in c.documents:
        if doc.id == c.base:
            continue
        cv = c.coverage[doc.id]
        kinds = ", ".join(f"{k} {cv.by_kind.get(k, 0) * 100:.0f}%" for k in KIND_ORDER if cv.by_kind.get(k))
        moved = sum(1 for lk in c.links if lk.moved and lk.b.startswith(doc.id + ".") and lk.a.startswith(c.base + "."))
        w(f"  {doc.id} {Path(doc.source).name}: covers {cv.covered * 100:.0f}%"
          f" ({kinds or 'nothing linked'}); dropped {len(cv.dropped)}, added {len(cv.added)}, moved {moved}\n")
    counts = Counter(lk.kind for lk in c.links)
    w("\nLinks by kind: " + (", ".join(f"{k} {counts[k]}" for k in KIND_ORDER if counts[k]) or "none") + "\n")
    near = sorted(c.near_misses, key=lambda n: -n.score)
    if near:
        w(f"\nClose but not linked ({len(near)}; check them, link by hand in the window):\n")
        for n in near[:NEAR_SHOWN]:
            w(f"  {_doc_name(c, n.b)} {n.b.split('.')[1]} ~ {_doc_name(c, n.a)} {n.a.split('.')[1]}"
              f" ({n.score:.2f}): {_excerpt(c.segment(n.b).text, 60)}\n")
        if len(near) > NEAR_SHOWN:
            w(f"  … and {len(near) - NEAR_SHOWN} more (JSON: near_misses)\n")
    shifts = [lk for lk in c.links if lk.kind == "shift"]
    if shifts:
        w(f"\nMeaning shifts ({len(shifts)}):\n")
        for lk in shifts:
            a, b = c.segment(lk.a), c.segment(lk.b)
            w(f"  {lk.note or 'meaning moved'}:\n"
              f"      {_doc_name(c, lk.a)} {lk.a.split('.')[1]}: {_excerpt(a.text)}\n"
              f"      {_doc_name(c, lk.b)} {lk.b.split('.')[1]}: {_excerpt(b.text)}\n")
    w(f"\nConflicting facts ({len(c.conflicts)}):\n" if c.conflicts else "\nConflicting facts: none found\n")
    for n, cf in enumerate(c.conflicts, start=1):
        scope = "stated about the event itself" if cf.scope == "event" else "in linked passages"
        w(f"  {n}. {cf.label or cf.kind} ({cf.kind}, {scope}):\n")
        for v in cf.values:
            mark = {True: "= base", False: "DIFFERS", None: "(base)" if v.segment.startswith(c.base + ".") else ""}[v.agrees]
            w(f"      {_doc_name(c, v.segment):<24} {v.text!r:<20} {mark:<7} {v.segment.split('.')[1]}: "
              f"{_excerpt(c.segment(v.segment).text, 56)}\n")
    quotes = [q for q in getattr(c, "quotes", ()) if q.status != "verbatim"]
    if quotes:
        w(f"\nQuotes not found verbatim in another version ({len(quotes)}):\n")
        for q in quotes:
            status = "quoted in part" if q.status == "partial" else q.status.replace("_", " ")
            w(f"  {status}: {_doc_name(c, q.segment)}: {_excerpt(q.text, 80)!r}\n")


def _check_output(path: str | None, flag: str) -> None:
    """Refuse an output path that cannot be written before doing any work."""
    if path is None or path == "-":
        return
    p = Path(path)
    if p.is_dir():
        raise InputError(path, f"{flag} output is a directory")
    if not p.parent.exists():
        raise InputError(path, f"{flag} output folder does not exist")


def _write_outputs(c: Comparison, args) -> list[str]:
    written = []
    if args.json:
        from scocompare.core.report import dumps

        if args.json == "-":
            sys.stdout.write(dumps(c) + "\n")
        else:
            from scocompare.atomic import write_text_atomic

            write_text_atomic(args.json, dumps(c) + "\n")
            written.append(args.json)
    for flag, module, func in (("csv", "csv_export", "write_csv"), ("html", "html", "write_html"),
                               ("pdf", "pdf", "write_pdf")):
        target = getattr(args, flag)
        if not target:
            continue
        import importlib

        try:
            mod = importlib.import_module(f"scocompare.export.{module}")
        except ImportError:
            raise ScocompareError(f"--{flag} export is not available in this build") from None
        getattr(mod, func)(c, target)
        if target != "-":
            written.append(target)
    return written


def run(args) -> int:
    if len(args.files) < 2:
        raise ScocompareError("compare needs at least two files (the base and one version)")
    if not 1 <= args.base <= len(args.files):
        raise ScocompareError(f"--base {args.base} is out of range: {len(args.files)} files given (count from 1)")
    if args.threshold is not None and not 0.0 < args.threshold < 1.0:
        raise ScocompareError(f"--threshold {args.threshold} must be between 0 and 1")
    for flag in ("json", "pdf", "html", "csv"):
        _check_output(getattr(args, flag), f"--{flag}")
    if args.pdf == "-":
        raise ScocompareError("--pdf needs a file name (a PDF is not written to standard output)")
    targets = [(f, getattr(args, f)) for f in ("json", "pdf", "html", "csv") if getattr(args, f) not in (None, "-")]
    seen: dict[Path, str] = {}
    for flag, target in targets:
        key = Path(target).resolve()
        if key in seen:
            raise InputError(target, f"--{seen[key]} and --{flag} would write the same file")
        seen[key] = flag
    to_stdout = [f for f in ("json", "html", "csv") if getattr(args, f) == "-"]
    if len(to_stdout) > 1:
        raise ScocompareError("only one output can go to standard output ('-')")

    if args.save:
        from scocompare.store.sessions import SessionStore

        if SessionStore().exists(args.save):
            raise ScocompareError(f"a session named {args.save!r} already exists "
                                  "(pick another name, or delete it with 'scocompare sessions delete')")

    from scocompare.core.compare import compare_documents
    from scocompare.core.ingest import load_path
    from scocompare.core.similarity import get_scorer

    docs = [load_path(p, doc_id=f"d{k + 1}") for k, p in enumerate(args.files)]
    scorer = get_scorer(args.scorer)
    comparison = compare_documents(docs, base=args.base - 1, threshold=args.threshold, scorer=scorer)
    written = _write_outputs(comparison, args)
    if args.save:
        SessionStore().save_comparison(args.save, comparison)
        written.append(f"session {args.save!r}")
    out = sys.stderr if to_stdout else sys.stdout
    print_summary(comparison, out)
    if written:
        out.write("\nWrote: " + ", ".join(written) + "\n")
    return 0
