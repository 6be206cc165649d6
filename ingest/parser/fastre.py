"""Literal prefilters for cue patterns.

The parser's cue patterns are long alternations of words ("to date|so far|since
2022|..."). Python's `re` tries every alternative at every word of a sentence.
Every match of most of them contains one of a few literal strings ("date", "far",
"since"): when a sentence holds none (a C-speed substring test), the scan is
skipped. Results are exactly those of the pattern.
"""

from __future__ import annotations

import re
from re import _constants as C
from re import _parser as sre_parse

_MIN_HINT = 2  # shorter literals ("a", "s") are in every sentence: no filter at all
_MAX_HINTS = 32  # more alternatives than this (a list of verbs) usually match: testing them costs more than the scan


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Literal strings one of which every match of `pattern` contains, or None if unknown.

    Only sound for case-sensitive patterns (the caller lower-cases text and pattern alike)."""
    if flags & re.IGNORECASE:
        return None
    try:
        parsed = sre_parse.parse(pattern, flags)
    except re.error:
        return None
    found = _required(list(parsed))
    return tuple(sorted(found)) if found else None


def _required(ops) -> set[str] | None:
    """The best set of alternatives for a sequence of parsed operations (all mandatory)."""
    candidates: list[set[str]] = []
    run: list[str] = []

    def flush():
        if len(run) >= _MIN_HINT:
            candidates.append({"".join(run)})
        run.clear()

    for op, av in ops:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is C.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                continue  # "(?i:...)": its letters may be of either case
            inner = _required(list(av[-1]))
            if inner:
                candidates.append(inner)
        elif op is C.BRANCH:
            alternatives = [_required(list(alt)) for alt in av[1]]
            if all(alternatives):
                candidates.append(set().union(*alternatives))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            inner = _required(list(av[2]))
            if inner:
                candidates.append(inner)
        # anything else (classes, anchors, lookarounds, optional parts) gives no literal
    flush()
    if not candidates:
        return None
    # the most selective set: longest shortest member, then fewest members
    return max(candidates, key=lambda c: (min(len(s) for s in c), -len(c)))


def prefilter_literals(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """required_literals(), or () when there are too many to be worth testing."""
    literals = required_literals(pattern, flags) or ()
    return literals if len(literals) <= _MAX_HINTS else ()


class FastPattern:
    """A case-sensitive compiled pattern with a literal prefilter; `search`, `match`,
    `finditer`, `sub` as re. (LowerPattern is the case-insensitive counterpart.)"""

    __slots__ = ("rx", "hints")

    def __init__(self, pattern: str, flags: int = 0, hints: tuple[str, ...] = ()):
        self.rx = re.compile(pattern, flags)
        self.hints = tuple(hints) or prefilter_literals(pattern, flags)

    def _possible(self, text: str) -> bool:
        hints = self.hints
        if not hints:
            return True
        for hint in hints:
            if hint in text:
                return True
        return False

    def search(self, text: str, *args):
        if not self._possible(text):
            return None
        return self.rx.search(text, *args)

    def match(self, text: str, *args):
        if not self._possible(text):
            return None
        return self.rx.match(text, *args)

    def fullmatch(self, text: str, *args):
        if not self._possible(text):
            return None
        return self.rx.fullmatch(text, *args)

    def finditer(self, text: str, *args):
        if not self._possible(text):
            return iter(())
        return self.rx.finditer(text, *args)

    def sub(self, repl, text: str, count: int = 0):
        if not self._possible(text):
            return text
        return self.rx.sub(repl, text, count)

    @property
    def pattern(self) -> str:
        return self.rx.pattern

    @property
    def flags(self) -> int:
        return self.rx.flags


def fast_compile(pattern: str, flags: int = 0, hints: tuple[str, ...] = ()) -> FastPattern | re.Pattern:
    """FastPattern for case-sensitive patterns, a plain compiled pattern otherwise."""
    if flags & re.IGNORECASE:
        return re.compile(pattern, flags)
    return FastPattern(pattern, flags, hints)


def trie_pattern(words) -> str:
    """An alternation of literal `words` written as a trie ("U(?:K|S(?:A)?|kraine)").

    At any position it matches what the longest-first alternation matches (of the words
    that fit there, each a prefix of the next, the longest is tried first, and the
    shorter ones on backtracking), but `re` tests one branch per distinct next letter
    instead of every word: several times faster for hundreds of names."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + (")?" if "" in node else ")")

    return build(trie)


_LAST_LOWERED: tuple = (None, None)


class LowerPattern:
    """A case-insensitive pattern run on lower-cased text: several times faster in `re`
    than re.IGNORECASE on the original. Offsets are those of the original text.

    `hints`: substrings one of which every match contains; when none is in the text,
    the regular expression is not run at all (a C-speed `in` test instead)."""

    __slots__ = ("rx", "hints")

    def __init__(self, pattern: str, hints: tuple[str, ...] = ()):
        self.rx = re.compile(pattern)
        # given hints, else the literals every match of the pattern contains (when they are few)
        self.hints = tuple(hints) or prefilter_literals(pattern)

    def _lower(self, text: str) -> str | None:
        # The same sentence meets many patterns in a row: lower-case it once.
        global _LAST_LOWERED
        last = _LAST_LOWERED  # one tuple, swapped atomically: safe under threads
        if text is last[0]:
            low = last[1]
        else:
            low = text.lower()
            _LAST_LOWERED = (text, low)
        if self.hints:
            for hint in self.hints:
                if hint in low:
                    return low
            return None
        return low

    def search(self, text, *args):
        # _lower() inlined: this is the parser's most frequent call
        global _LAST_LOWERED
        last = _LAST_LOWERED
        if text is last[0]:
            low = last[1]
        else:
            low = text.lower()
            _LAST_LOWERED = (text, low)
        hints = self.hints
        if hints:
            for hint in hints:
                if hint in low:
                    break
            else:
                return None
        return self.rx.search(low, *args)

    def match(self, text, *args):
        low = self._lower(text)
        return None if low is None else self.rx.match(low, *args)

    def finditer(self, text, *args):
        low = self._lower(text)
        return iter(()) if low is None else self.rx.finditer(low, *args)

    def sub(self, repl, text):
        low = self._lower(text)
        return text.lower() if low is None else self.rx.sub(repl, low)


def lower_compile(pattern: str, flags: int = 0, hints: tuple[str, ...] = ()) -> LowerPattern:
    """Lower-case the literal letters of a pattern, leaving escapes (\\A, \\W, \\S ...) alone."""
    out, escaped = [], False
    for ch in pattern:
        out.append(ch if escaped else ch.lower())
        escaped = ch == "\\" and not escaped
    return LowerPattern("".join(out), hints)
