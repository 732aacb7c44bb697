"""numpy's bundled OpenBLAS kept to one thread: every matrix product here is small."""

from __future__ import annotations

import os

import numpy as np

_BLAS_SYMBOLS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads_64_",
                 "scipy_openblas_set_num_threads", "openblas_set_num_threads")
_blas_done = False


def limit_blas_threads(n: int = 1) -> bool:
    """Run numpy's bundled OpenBLAS on ``n`` threads (once per process; an
    ``OPENBLAS_NUM_THREADS`` set by the user wins). True when a library was found.

    Every matrix product here is small (hundreds of rows), and OpenBLAS threads then only
    wait for cores that onnxruntime and the GUI already use: re-aligning the seed pair took
    290 ms in its token products with the default threads on a busy 2-core machine and
    10 ms on one (docs/performance.md)."""
    global _blas_done
    if _blas_done or os.environ.get("OPENBLAS_NUM_THREADS"):
        return False
    _blas_done = True
    import ctypes
    from pathlib import Path

    found = False
    root = Path(np.__file__).resolve().parent
    for folder in (root.parent / "numpy.libs", root / ".dylibs"):
        for lib in sorted(folder.glob("*openblas*")) if folder.is_dir() else ():
            try:
                handle = ctypes.CDLL(str(lib))  # already loaded by numpy: the same handle
            except OSError:
                continue
            for name in _BLAS_SYMBOLS:
                fn = getattr(handle, name, None)
                if fn is not None:
                    fn(ctypes.c_int(n))
                    found = True
                    break
    return found
