"""Literal anchors of a trigger pattern: the words any match must start with.

A sentence that contains none of a pattern's anchors (in lower case) cannot match it, so the regex
is not run: most sentences of a news stream hold no trigger at all, and this check is a substring
search instead of a regex scan per pattern.
"""
from __future__ import annotations

try:  # Python 3.11+
    import re._constants as C
    import re._parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_MIN = 2          # shorter anchors filter nothing
_MAX_BRANCHES = 64


def _prefixes(items: list) -> set[str] | None:
    """Literal prefixes of a parsed sequence, or None when a match could start with anything."""
    out = {""}
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            if out == {""}:
                continue          # a look-behind or anchor before the first literal: skip it
            break
        if op is C.LITERAL:
            out = {p + chr(av) for p in out}
            continue
        if op is C.SUBPATTERN:
            sub = _prefixes(list(av[-1]))
        elif op is C.BRANCH:
            sub = set()
            for branch in av[1]:
                b = _prefixes(list(branch))
                if b is None:
                    return None if out == {""} else out
                sub |= b
        else:
            break
        if sub is None:
            break
        if len(out) * len(sub) > _MAX_BRANCHES:
            break
        out = {p + s for p in out for s in sub}
        if not (op is C.SUBPATTERN and _is_literal(list(av[-1]))):
            break           # the group may go on past its prefix: nothing after it is certain
    if any(len(p) < _MIN for p in out):
        return None
    return out


def _is_literal(items: list) -> bool:
    return all(op is C.LITERAL for op, _ in items)


def anchors(pattern: str) -> tuple[str, ...] | None:
    """Lower-case literal starts of ``pattern`` (compiled case-insensitively), or None if unknown."""
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - an unparsable pattern simply gets no anchors
        return None
    pre = _prefixes(list(parsed))
    if not pre:
        return None
    return tuple(sorted({p.lower() for p in pre}))
