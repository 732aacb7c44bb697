"""Align N documents against a base: links between segments and N-way groups.

The method (details and measurements in docs/alignment.md):

1. Every version is scored against the base with the scorer's combined matrix
   (semantic + lexical when the model is there). Only base x version pairs are scored
   in full: the work grows linearly with the number of versions, not quadratically.
2. One-to-one links are taken greedily, best score first, above the threshold. Greedy
   on a score matrix is what a careful reader does ("this is obviously that") and,
   unlike a monotone diff, it is order-free: reordered paragraphs still link.
3. Splits and merges: a segment left without a partner that still scores above the
   context bar against an already linked neighbour's partner is linked to it as ``partial``
   (one sentence split in two, two merged into one), and only when the sentence really
   carries both partners: the second sits near the first and explains a part of it the
   first does not (token surplus; see ``align_windows.carried``).
4. ``moved``: links outside the longest increasing run of version positions (taken in
   base order) are marked moved, as a reader would see a passage that changed place.
5. Version segments with no base counterpart are matched among versions (only those
   segments are scored, which keeps it cheap) and form groups of their own.
6. User constraints (manual links, "must not link") are applied before and after
   matching: an unlinked pair scores minus infinity, a manual link is always kept.
7. Heading-like lines (titles, datelines, bylines) are aligned after the body.
8. A sentence spread over two: an unlinked neighbour of a linked sentence joins its
   neighbour's partner when that partner is its own first choice, it explains a clear
   share of the partner its neighbour does not, and it states no figure the partner
   lacks (``align_windows.beside_partners``).
9. A base sentence and a version sentence that alone state a figure (a count, amount,
   percentage or dated day), or that alone share words the version quotes, link as
   ``partial`` when the pair scores above its background (``align_figures``).
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from scocompare.core import align_figures, align_path, align_windows
from scocompare.core.model import Anchor, Constraint, Document, Group, Link, Segment, text_hash

_WORD = re.compile(r"\w+", re.UNICODE)

# Calibration of kinds (see docs/alignment.md for how these were set).
NEAR_LEXICAL = 0.72  # lexical similarity at or above which a rewrite is "near"
PARTIAL_LENGTH_RATIO = 0.55  # a link where one side is this much shorter is "partial"
CONTEXT_DROP = 0.15  # how far under the threshold a link may go when its neighbours vouch for it
CONTEXT_Z = 1.0  # ...and stay this many standard deviations above the pair's mean score
MUTUAL_DROP = 0.22  # share of the threshold a mutual first choice may fall under (false links only from ~0.30)
PATH_Z = 0.5  # a path link must still score this many std above the pair's mean
PATH_K = 4  # neighbours whose mean score a path link must beat (margin scoring)
# ...and at least this share of the threshold: in a pair of texts on different topics
# the background is low, and the path walked through sentences scoring 0.30-0.37 that
# were never each other's (6 false links, 1 true on the gold sets; docs/alignment.md).
PATH_SHARE = 0.65


@dataclass(frozen=True)
class PairScores:
    """Score matrices of one (base, version) pair over content segments."""

    score: np.ndarray
    lexical: np.ndarray
    # surplus(target, new, partners, side): how much of the target sentence ``new``
    # explains beyond ``partners`` (token_align.surplus); side "a" when target is a
    # version sentence and new/partners are base sentences, "b" the other way round.
    # None: word-level fallback (lexical scorer, additions among versions).
    surplus: Callable[[int, int, Sequence[int], str], float] | None = None


def words(text: str) -> list[str]:
    """Lower-cased word tokens (for identity and length tests)."""
    return _WORD.findall(text.casefold())


def resolve_anchor(anchor: Anchor, documents: Sequence[Document]) -> Segment | None:
    """The segment an anchor points at, or None when its document is not loaded.

    Offsets are tried first; when the text moved (re-segmentation, engine upgrade) the
    segment with the same text hash in the same document is taken.
    """
    for doc in documents:
        if doc.sha256 != anchor.sha256:
            continue
        for seg in doc.segments:
            if seg.start == anchor.start and seg.end == anchor.end:
                return seg
        for seg in doc.segments:
            if text_hash(seg.text) == anchor.text_hash:
                return seg
        for seg in doc.segments:  # the anchored text now lies inside a longer segment
            if seg.start <= anchor.start and anchor.end <= seg.end:
                return seg
    return None


def _greedy_one_to_one(score: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Best-first one-to-one pairs above threshold, ties broken by position."""
    n, m = score.shape
    if n == 0 or m == 0:
        return []
    ii, jj = np.nonzero(score >= threshold)
    if ii.size == 0:
        return []
    vals = score[ii, jj]
    # A tiny positional prior only breaks near-ties (repeated boilerplate-like phrases).
    closeness = 1.0 - np.abs(ii / max(n - 1, 1) - jj / max(m - 1, 1))
    order = np.lexsort((-closeness, -np.round(vals, 3)))
    used_i = np.zeros(n, dtype=bool)
    used_j = np.zeros(m, dtype=bool)
    pairs: list[tuple[int, int]] = []
    for k in order:
        i, j = int(ii[k]), int(jj[k])
        if used_i[i] or used_j[j]:
            continue
        used_i[i] = used_j[j] = True
        pairs.append((i, j))
    return pairs


def _longest_increasing(seq: list[int]) -> set[int]:
    """Indices (into seq) of one longest strictly increasing subsequence."""
    import bisect

    tails: list[int] = []
    tails_idx: list[int] = []
    prev = [-1] * len(seq)
    for k, x in enumerate(seq):
        pos = bisect.bisect_left(tails, x)
        if pos == len(tails):
            tails.append(x)
            tails_idx.append(k)
        else:
            tails[pos] = x
            tails_idx[pos] = k
        prev[k] = tails_idx[pos - 1] if pos > 0 else -1
    keep: set[int] = set()
    k = tails_idx[-1] if tails_idx else -1
    while k >= 0:
        keep.add(k)
        k = prev[k]
    return keep


_PATHS = 512  # reading paths remembered (a few KB each)
_paths: OrderedDict[bytes, list[tuple[int, int]]] = OrderedDict()
_paths_lock = threading.Lock()


def _reading_path(score: np.ndarray) -> list[tuple[int, int]]:
    """``align_path.reading_path`` on the margin of ``score``, remembered by the matrix's
    bytes: it does not depend on the threshold, and a threshold change re-aligns the
    same matrices (the path is the aligner's costliest step)."""
    h = hashlib.blake2b(score.tobytes(), digest_size=16)
    h.update(repr((score.shape, str(score.dtype), PATH_K, align_path.SKIP_COST, align_path.BACK_COST)).encode())
    key = h.digest()
    with _paths_lock:
        found = _paths.get(key)
        if found is not None:
            _paths.move_to_end(key)
            return list(found)
    path = align_path.reading_path(align_path.margin(score, PATH_K), 0.0)
    with _paths_lock:
        _paths[key] = tuple(path)
        while len(_paths) > _PATHS:
            _paths.popitem(last=False)
    return path


def classify(a: str, b: str, score: float, lexical: float, secondary: bool) -> str:
    """Kind of a link from its evidence: identical, near, paraphrase or partial."""
    wa, wb = words(a), words(b)
    if wa == wb:
        return "identical"
    if secondary:
        return "partial"
    shorter, longer = sorted((len(wa), len(wb)))
    if longer and shorter / longer < PARTIAL_LENGTH_RATIO:
        return "partial"
    if lexical >= NEAR_LEXICAL:
        return "near"
    return "paraphrase"


def _link_body(
    score: np.ndarray,
    base: Sequence[Segment],
    version: Sequence[Segment],
    surplus: Callable[[int, int, Sequence[int], str], float] | None,
    threshold: float,
    forced: Sequence[tuple[int, int]],
    ordered: bool,
    figures: tuple[Sequence, Sequence] | None = None,
) -> tuple[list[tuple[int, int]], list[tuple[int, int]], dict[tuple[int, int], str]]:
    """(primary, secondary) index pairs of ``score`` (steps 1-9 of docs/alignment.md), and
    the pairs step 9 linked with the detail that links them ("figure" or "quote");
    ``figures``: the facts of each base and each version sentence, for step 9."""
    detail: dict[tuple[int, int], str] = {}
    primary = _greedy_one_to_one(score, threshold)
    primary += sorted(forced)
    mean, std = align_path.background(score)
    # The reading path (order + margin) adds links the threshold alone misses in
    # same-topic paraphrase; strong greedy links are kept even off the path (reorders).
    floor = max(mean + PATH_Z * std, PATH_SHARE * threshold) if std else threshold
    if ordered:
        have = set(primary)
        path = _reading_path(score)
        new = [(i, j) for i, j in path if score[i, j] >= floor and (i, j) not in have]
        # A path link that gives a sentence its second partner must carry, as a split or
        # merge partner must (step 2b of docs/alignment.md): the path walks through a
        # topic neighbour of a sentence already linked (a quote of another speaker beside
        # the statement's quote) as readily as through a real second half.
        kept = set(align_windows.carried(sorted(new, key=lambda p: -score[p]), primary, base, version,
                                         surplus, span=None))
        primary += [p for p in new if p in kept]
    # Context may lower the bar, but never into the background noise of this pair of texts.
    # A split/merge partner beside a linked sentence is vouched for as a context link is:
    # same bar (capped at the threshold), and align_windows.carried still asks for token evidence.
    bar = max(threshold - CONTEXT_DROP, mean + CONTEXT_Z * std) if std else threshold
    secondary = align_windows.carried(
        align_path.secondary(score, primary, min(bar, threshold)), primary, base, version, surplus)
    context = [p for p in align_path.context_fill(score, primary + secondary, bar) if p not in secondary]
    secondary += align_windows.carried(context, primary + secondary, base, version, surplus)
    if ordered:
        # Moved rewrites: both ends unlinked and each other's first choice (see mutual_best).
        mbar = max(threshold * (1 - MUTUAL_DROP), mean + CONTEXT_Z * std) if std else threshold
        primary += align_path.mutual_best(score, primary + secondary, mbar)
        if surplus is not None:  # needs token states: off for the lexical fallback
            # One sentence spread over two: an unlinked neighbour that completes its
            # neighbour's partner (align_windows.beside_partners).
            secondary += align_windows.beside_partners(score, primary, primary + secondary, base, version, surplus)
        # A figure only these two sentences state, words only they quote (align_figures):
        # a wire lead's second and third source sentences, a base sentence retold twice.
        if figures is not None:
            found = align_figures.shared_figures(score, primary + secondary, *figures, mean, std)
            detail.update(dict.fromkeys(found, "figure"))
            secondary += found
        found = align_figures.shared_quotes(score, primary + secondary, [s.text for s in base],
                                            [s.text for s in version], mean, std)
        detail.update(dict.fromkeys(found, "quote"))
        secondary += found
    return primary, secondary, detail


def align_pair(
    base: Sequence[Segment],
    version: Sequence[Segment],
    scores: PairScores,
    threshold: float,
    forced: set[tuple[int, int]] = frozenset(),
    forbidden: set[tuple[int, int]] = frozenset(),
    ordered: bool = True,
    facts_of: align_figures.FactsOf | None = None,
) -> list[Link]:
    """Links between the content segments of the base and of one version.

    ``ordered`` says the version was written from the base in reading order (true of
    base x version pairs); then the reading path adds order-supported links, and
    heading-like lines (titles, datelines) are aligned only after the body sentences.
    ``facts_of`` (a segment's facts) lets a figure only two sentences share link them
    (step 9, ``align_figures``; base x version pairs only)."""
    score = scores.score.astype(np.float32, copy=True)
    for i, j in forbidden:
        score[i, j] = -np.inf
    for i, j in forced:  # manual links win over anything the matcher would pick
        score[i, :] = np.where(np.isfinite(score[i, :]), np.minimum(score[i, :], threshold - 1), score[i, :])
        score[:, j] = np.where(np.isfinite(score[:, j]), np.minimum(score[:, j], threshold - 1), score[:, j])
    heads = (align_path.headings(base), align_path.headings(version)) if ordered else (set(), set())
    rows = [i for i in range(len(base)) if i not in heads[0]]
    cols = [j for j in range(len(version)) if j not in heads[1]]
    if not (rows and cols) or (len(rows) == len(base) and len(cols) == len(version)):
        heads = (set(), set())
        rows, cols = list(range(len(base))), list(range(len(version)))
    # The body is aligned on its own sub-matrix (sub-indices mapped back below).
    at_i = {i: k for k, i in enumerate(rows)}
    at_j = {j: k for k, j in enumerate(cols)}
    sub_surplus = None
    if scores.surplus is not None:
        def sub_surplus(i, j, partners, side, _f=scores.surplus):
            return _f(rows[i], cols[j], [(rows if side == "a" else cols)[p] for p in partners], side)
    sub_forced = [(at_i[i], at_j[j]) for i, j in forced if i in at_i and j in at_j]
    sub = score[np.ix_(rows, cols)] if heads[0] or heads[1] else score
    figures = None
    if facts_of is not None and ordered:
        figures = ([facts_of(base[i]) for i in rows], [facts_of(version[j]) for j in cols])
    primary, secondary, detail = _link_body(
        sub, [base[i] for i in rows], [version[j] for j in cols], sub_surplus, threshold, sub_forced, ordered,
        figures)
    primary = [(rows[i], cols[j]) for i, j in primary]
    secondary = [(rows[i], cols[j]) for i, j in secondary]
    detail = {(rows[i], cols[j]): why for (i, j), why in detail.items()}
    primary += [p for p in sorted(forced) if p not in set(primary)]
    if heads[0] or heads[1]:
        primary += align_path.link_headings(score, heads, primary + secondary, _greedy_one_to_one, threshold)

    # moved: positions outside the longest increasing run, over primary links in base order.
    ordered = sorted(primary)
    keep = _longest_increasing([j for _, j in ordered])
    moved_pairs = {p for k, p in enumerate(ordered) if k not in keep}

    links: list[Link] = []
    for (i, j), is_secondary in [(p, False) for p in primary] + [(p, True) for p in secondary]:
        a, b = base[i], version[j]
        s = float(scores.score[i, j])
        lx = float(scores.lexical[i, j])
        kind = classify(a.text, b.text, s, lx, is_secondary)
        evidence = {"score": round(s, 4), "lexical": round(lx, 4)}
        if (i, j) in detail:  # linked by a figure or a quote only these two share (step 9)
            evidence[detail[i, j]] = 1.0
        links.append(
            Link(
                a=a.id,
                b=b.id,
                score=round(max(0.0, min(1.0, s)), 4),
                kind=kind,
                moved=(i, j) in moved_pairs,
                origin="manual" if (i, j) in forced else "auto",
                scores=evidence,
            )
        )
    links.sort(key=lambda lk: (base_index(lk.a), base_index(lk.b)))
    return links


def base_index(seg_id: str) -> int:
    """Numeric position of a segment id ``dN.sK`` (K)."""
    return int(seg_id.rsplit(".s", 1)[1])


def constraint_pairs(
    constraints: Sequence[Constraint],
    documents: Sequence[Document],
    left: Sequence[Segment],
    right: Sequence[Segment],
) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Forced and forbidden (i, j) index pairs between two segment lists."""
    pos_l = {s.id: k for k, s in enumerate(left)}
    pos_r = {s.id: k for k, s in enumerate(right)}
    forced: set[tuple[int, int]] = set()
    forbidden: set[tuple[int, int]] = set()
    for c in constraints:
        sa, sb = resolve_anchor(c.a, documents), resolve_anchor(c.b, documents)
        if sa is None or sb is None:
            continue
        for x, y in ((sa, sb), (sb, sa)):
            if x.id in pos_l and y.id in pos_r:
                (forced if c.kind == "link" else forbidden).add((pos_l[x.id], pos_r[y.id]))
    return forced, forbidden


def build_groups(
    documents: Sequence[Document], base_id: str, links: Sequence[Link]
) -> tuple[Group, ...]:
    """Groups pivoting on the base: one per base segment, then version-only groups.

    A version segment joins at most one group, so groups never chain through versions.
    """
    by_seg: dict[str, list[str]] = {}
    for lk in links:
        by_seg.setdefault(lk.a, []).append(lk.b)
        by_seg.setdefault(lk.b, []).append(lk.a)
    base = next(d for d in documents if d.id == base_id)
    taken: set[str] = set()
    groups: list[Group] = []
    for seg in base.content_segments():
        members = [seg.id] + [s for s in by_seg.get(seg.id, []) if not s.startswith(base_id + ".")]
        members = list(dict.fromkeys(members))
        taken.update(members)
        groups.append(Group(segments=tuple(members), base=seg.id))
    for doc in documents:
        if doc.id == base_id:
            continue
        for seg in doc.content_segments():
            if seg.id in taken:
                continue
            members = [seg.id]
            seen_docs = {doc.id}
            for other in by_seg.get(seg.id, []):
                other_doc = other.split(".", 1)[0]
                if other in taken or other_doc in seen_docs or other_doc == base_id:
                    continue
                members.append(other)
                seen_docs.add(other_doc)
            taken.update(members)
            groups.append(Group(segments=tuple(members), base=None))
    return tuple(groups)


ProgressFn = Callable[[float, str], None]
