"""Deciding whether a session's cached comparison can be shown as is, and re-aligning.

The cache is shown only when it was computed by this engine version, with exactly the
session's current manual links, over exactly the stored versions. Otherwise the session
is re-aligned from its stored documents and constraints, and the reason is reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from scocompare import __version__
from scocompare.core.model import Comparison, Constraint, Document
from scocompare.store.errors import StoreError

SCORER_KINDS = ("auto", "semantic", "lexical")


def cached_comparison(cache: Mapping[str, Any] | None, docs: Sequence[Document],
                      digest: str) -> tuple[Comparison | None, str]:
    """The cached Comparison (with the stored original bytes attached) and "" when it is
    current; otherwise (what could be read or None, the reason it is stale)."""
    if cache is None:
        return None, "no saved alignment"
    try:
        from scocompare.core.report import loads

        comparison = loads(cache["comparison"])
    except ImportError:
        return None, "this scocompare cannot read saved alignments"
    except Exception as err:  # any failure to parse means: recompute, never crash
        return None, f"the saved alignment could not be read ({type(err).__name__})"
    stored = {d.id: d for d in docs}
    if [(d.id, d.sha256) for d in comparison.documents] != [(d.id, d.sha256) for d in docs]:
        return None, "the saved alignment does not match the stored versions"
    comparison = replace(comparison, documents=tuple(
        replace(d, raw=stored[d.id].raw) for d in comparison.documents))
    if cache["engine_version"] != __version__:
        return comparison, (f"aligned by scocompare {cache['engine_version']}, "
                            f"re-aligned with {__version__}")
    if cache["constraints_digest"] != digest:
        return comparison, "manual links changed since the last alignment"
    return comparison, ""


def _fresh(doc: Document) -> Document:
    """The version as this engine would load it now (new extraction and segmenting),
    falling back to the stored text when its bytes can no longer be loaded."""
    if not doc.raw:
        return doc
    try:
        from scocompare.core.ingest import load_bytes

        new = load_bytes(doc.raw, doc.source, doc_id=doc.id, title=doc.title or None)
    except Exception:  # an old file a new loader refuses is still a valid stored version
        return doc
    if new.sha256 != doc.sha256:
        return doc
    return replace(new, meta={**dict(doc.meta), **dict(new.meta)}, raw=doc.raw)


def realign(docs: Sequence[Document], base: int, params: Mapping[str, Any],
            constraints: Sequence[Constraint], progress=None, cancelled=None) -> Comparison:
    """Recompute the comparison from stored versions, parameters and manual links."""
    try:
        from scocompare.core.compare import compare_documents
    except ImportError as err:
        raise StoreError("cannot re-align this session: the comparison engine is missing") from err
    from scocompare.core.similarity import get_scorer

    kind = params.get("scorer")
    scorer = get_scorer(kind if kind in SCORER_KINDS else "auto")
    threshold = params.get("threshold")
    if not isinstance(threshold, int | float) and params.get("scorer_name") == scorer.name:
        # The threshold the session was aligned with only means something to the same scorer.
        threshold = params.get("engine_threshold")
    threshold = float(threshold) if isinstance(threshold, int | float) else None
    fresh = [_fresh(d) for d in docs]
    return compare_documents(fresh, base=base, threshold=threshold, scorer=scorer,
                             constraints=tuple(constraints), progress=progress,
                             cancelled=cancelled)
