"""`scocompare` entry point: parses arguments and hands over to scocompare.commands.

No command logic lives here; each sub-command is ``scocompare.commands.<name>.run``.
Nothing heavy is imported before a sub-command needs it, so ``--version`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys


def _versions() -> str:
    """scocompare, Python and Qt versions, read from installed metadata (no Qt import)."""
    from importlib import metadata

    from scocompare import __version__

    qt = "not installed"
    for dist in ("PySide6-Essentials", "PySide6"):
        try:
            qt = metadata.version(dist)
            break
        except metadata.PackageNotFoundError:
            continue
    py = sys.version.split()[0]
    return f"scocompare {__version__} (Python {py}, Qt/PySide6 {qt})"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="scocompare",
        description="Compare published versions of one official statement: what coverage "
        "keeps, paraphrases, drops, adds, and where it states a different fact.",
    )
    p.add_argument("--version", action="store_true", help="print versions and exit")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    g = sub.add_parser("gui", help="open the window (default)")
    g.add_argument("inputs", nargs="*", metavar="FILE|SESSION", help="files, a session name or a .scocompare file")

    d = sub.add_parser("demo", help="compare the bundled demo set (window, or headless summary)")
    d.add_argument("--headless", action="store_true", help="print the summary instead of opening the window")

    c = sub.add_parser("compare", help="compare two or more files and write reports",
                       description="Compare two or more versions against a base (the first, or --base N) "
                       "and print coverage, links by kind, meaning shifts and conflicting facts.")
    c.add_argument("files", nargs="+", metavar="FILE", help="versions to compare: .txt, .md, .html, .pdf, .docx files or http(s) URLs")
    c.add_argument("--base", type=int, default=1, metavar="N", help="which file is the base, counting from 1 (default 1)")
    c.add_argument("--threshold", type=float, default=None, metavar="T", help="link threshold in [0, 1]")
    c.add_argument("--scorer", choices=("auto", "semantic", "lexical"), default="auto", help="similarity scorer (default: semantic when available)")
    c.add_argument("--json", metavar="OUT", help="write the comparison JSON ('-' for stdout)")
    c.add_argument("--pdf", metavar="OUT", help="write a highlighted PDF report")
    c.add_argument("--html", metavar="OUT", help="write a self-contained HTML report ('-' for stdout)")
    c.add_argument("--csv", metavar="OUT", help="write one row per link ('-' for stdout)")
    c.add_argument("--save", metavar="NAME", help="save the comparison as a session")

    s = sub.add_parser("similarity", help="score the last two columns of each TSV line")
    s.add_argument("pairs", metavar="PAIRS.tsv", help="tab-separated lines; '-' for stdin")
    s.add_argument("--scorer", choices=("auto", "semantic", "lexical"), default="auto")

    ss = sub.add_parser("sessions", help="list, show, export, import or delete saved sessions")
    ssub = ss.add_subparsers(dest="action", metavar="ACTION", required=True)
    ssub.add_parser("list", help="list saved sessions")
    sh = ssub.add_parser("show", help="print a session's summary")
    sh.add_argument("name")
    ex = ssub.add_parser("export", help="export a session")
    ex.add_argument("name")
    fmt = ex.add_mutually_exclusive_group(required=True)
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--pdf", action="store_true")
    fmt.add_argument("--html", action="store_true")
    fmt.add_argument("--scocompare", action="store_true", help="a .scocompare file to send to a colleague")
    ex.add_argument("out", metavar="OUT")
    im = ssub.add_parser("import", help="import a .scocompare file")
    im.add_argument("file")
    de = ssub.add_parser("delete", help="delete a session (to the trash)")
    de.add_argument("name")
    return p


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # the frozen (PyInstaller) app starts its engine process
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        print(_versions())
        return 0
    command = args.command or "gui"
    if command == "gui" and not hasattr(args, "inputs"):
        args.inputs = []
    from scocompare.core.errors import Cancelled, ScocompareError

    try:
        module = importlib.import_module(f"scocompare.commands.{command}")
        return int(module.run(args) or 0)
    except Cancelled:
        print("scocompare: cancelled", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("scocompare: interrupted", file=sys.stderr)
        return 130
    except ScocompareError as err:
        print(f"scocompare: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as err:  # last guard: one line, traceback only on request
        if os.environ.get("SCOCOMPARE_DEBUG"):
            raise
        print(f"scocompare: internal error: {type(err).__name__}: {err} "
              "(set SCOCOMPARE_DEBUG=1 for details)", file=sys.stderr)
        return 70


if __name__ == "__main__":
    raise SystemExit(main())
