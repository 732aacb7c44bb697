"""Where exports go: a path (written atomically), an open file, or "-" for stdout."""

from __future__ import annotations

import os
import sys
from typing import IO

from scocompare.atomic import write_bytes_atomic, write_text_atomic
from scocompare.core.errors import ScocompareError

Target = str | os.PathLike | IO


def _cannot_write(path, err: OSError) -> ScocompareError:
    return ScocompareError(f"{os.fspath(path)}: cannot write ({err.strerror or err})")


def write_text(target: Target, text: str) -> None:
    """Write ``text`` to ``target``: "-" is stdout, a file object is written as is,
    a path is replaced atomically (no partial file on failure)."""
    if isinstance(target, str) and target == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    elif hasattr(target, "write"):
        target.write(text)
    else:
        try:
            write_text_atomic(target, text)
        except OSError as err:
            raise _cannot_write(target, err) from None


def write_binary(path: str | os.PathLike, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; a one-line error if it cannot be written."""
    try:
        write_bytes_atomic(path, data)
    except OSError as err:
        raise _cannot_write(path, err) from None
