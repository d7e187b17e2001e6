"""Literal anchors of a trigger pattern: the words any match must start with.

A sentence that contains none of a pattern's anchors (in lower case) cannot match it, so the regex
is not run: most sentences of a news stream hold no trigger at all, and this check is a substring
search instead of a regex scan per pattern. Where an anchor occurs is also where a match may start,
so the regex is tried there only (``lexicon.TriggerIndex``).

Optional words and alternatives are followed ("(?:cuộc )?gặp" starts with "cuộc gặp" or "gặp"), so
only patterns that may start with a class of characters ("\\d+th anniversary") have no anchors; a
literal they must contain somewhere (``required``: " anniversary") still tells which sentences to skip.
"""
from __future__ import annotations

try:  # Python 3.11+
    import re._constants as C
    import re._parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_MIN = 2          # shorter anchors filter nothing
_MAX_LEN = 16     # longer ones filter no better and only multiply the alternatives
_MAX_BRANCHES = 64
_MAX_CLASS = 6    # "[Đđ]" is two anchors; a wider class ("{CAP}") ends the literal start
_ZERO_WIDTH = {C.ASSERT, C.ASSERT_NOT, C.AT}
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}
_ATOMIC = getattr(C, "ATOMIC_GROUP", C.SUBPATTERN)
_GROUPS = {C.SUBPATTERN, _ATOMIC}


def _class_chars(items: list) -> set[str] | None:
    """The characters of a small character class, or None (negated, categories, wide ranges)."""
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < _MAX_CLASS:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return out if len(out) <= _MAX_CLASS else None


def _group_body(op: object, av: object) -> list:
    """The items of a group: ``(?:...)``, ``(?P<n>...)`` keep them last in ``av``; ``(?>...)`` is them."""
    return list(av) if op is _ATOMIC and op is not C.SUBPATTERN else list(av[-1])  # type: ignore[index, call-overload]


def _cap(done: set[str], open_: set[str]) -> tuple[set[str], set[str]] | None:
    """Strings at the length limit are done; too many alternatives are cut shorter (a prefix of a
    prefix is still one), or None when even the shortest useful prefixes are too many."""
    done = done | {p[:_MAX_LEN] for p in open_ if len(p) >= _MAX_LEN}
    open_ = {p for p in open_ if len(p) < _MAX_LEN}
    n = _MAX_LEN
    while len(done) + len(open_) > _MAX_BRANCHES:
        n -= 1
        if n < _MIN:
            return None
        done = {p[:n] for p in done | {q for q in open_ if len(q) >= n}}
        open_ = {q for q in open_ if len(q) < n}
    return done, open_


def _join(heads: set[str], tails: set[str]) -> set[str]:
    return {h + t for h in heads for t in tails}


def _seq(items: list) -> tuple[set[str], set[str]] | None:
    """What every match of ``items`` starts with: ``done`` strings end the certain part (what follows
    is unknown), ``open`` ones are the whole match of ``items`` so far (what follows them continues
    them). None: too many alternatives."""
    done: set[str] = set()
    open_: set[str] = {""}
    for op, av in items:
        if not open_:
            break
        if op in _ZERO_WIDTH:
            continue                     # look-arounds and anchors consume nothing
        if op is C.LITERAL:
            open_ = {p + chr(av) for p in open_}
        elif op is C.IN and (chars := _class_chars(list(av))) is not None:
            open_ = {p + c for p in open_ for c in chars}
        elif op in _GROUPS or op is C.BRANCH:
            body = [list(b) for b in av[1]] if op is C.BRANCH else [_group_body(op, av)]
            bdone, bopen = set(), set()
            for b in body:
                sub = _seq(b)
                if sub is None:
                    return None
                bdone |= sub[0]
                bopen |= sub[1]
            done |= _join(open_, bdone)
            open_ = _join(open_, bopen)
        elif op in _REPEATS:
            lo, hi, body = av[0], av[1], list(av[2])
            sub = _seq(body)
            if sub is None:
                return None
            if hi == 1:                  # "(?:cuộc )?": the words, or nothing
                done |= _join(open_, sub[0])
                open_ = _join(open_, sub[1]) | (open_ if lo == 0 else set())
            else:                        # after one repetition anything may follow
                done |= _join(open_, sub[0] | sub[1])
                open_ = open_ if lo == 0 else set()
        else:                            # any character, a category, a back-reference: unknown
            done |= open_
            open_ = set()
        capped = _cap(done, open_)
        if capped is None:
            return None
        done, open_ = capped
    return done, open_


def anchors(pattern: str) -> tuple[str, ...] | None:
    """Lower-case literal starts of ``pattern`` (compiled case-insensitively), or None if unknown."""
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - an unparsable pattern simply gets no anchors
        return None
    found = _seq(list(parsed))
    if found is None:
        return None
    pre = found[0] | found[1]
    if not pre or any(len(p) < _MIN for p in pre) or any(len(p.lower()) != len(p) for p in pre):
        return None     # "İ" lower-cases to two characters: positions in the lower-cased text would shift
    return tuple(sorted({p.lower() for p in pre}))


def required(pattern: str) -> str | None:
    """The longest run of literal characters (lower case) that every match of ``pattern`` contains, if any
    as long as an anchor must be: ``r"\\d+(?:st|th) anniversary"`` -> " anniversary"."""
    try:
        parsed = list(sre_parse.parse(pattern))
    except Exception:  # noqa: BLE001 - an unparsable pattern simply gets no literal
        return None
    while len(parsed) == 1 and parsed[0][0] in _GROUPS:
        parsed = _group_body(*parsed[0])
    best, run = "", ""
    for op, av in parsed:
        if op is C.LITERAL:
            run += chr(av)
            continue
        best = max(best, run, key=len)
        if op not in _ZERO_WIDTH:
            run = ""
    best = max(best, run, key=len).lower()
    if len(best) < _MIN or len(best) != len(best.upper().lower()):
        return None
    return best
