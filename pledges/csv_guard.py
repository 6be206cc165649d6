"""The one CSV guard against formula injection, for both export paths.

export.lines() applies neutralise() to every cell; export_copy builds the same test in SQL
from these constants, so the two paths cannot drift apart.
"""

# A spreadsheet treats a cell starting with these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# ... also after blanks a spreadsheet skips: ASCII whitespace and the Unicode spaces
# (no-break, ideographic, the typographic and zero-width ones).
LEADING_BLANKS = (" \t\r\n\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                  "\u2009\u200a\u200b\u202f\u205f\u3000\ufeff")


def neutralise(cell):
    """A cell a spreadsheet will show as text, never run as a formula, even
    when blanks (Unicode spaces included) come before the formula character."""
    text = "" if cell is None else str(cell)
    if text.startswith(FORMULA_STARTS) or text.lstrip(LEADING_BLANKS).startswith(FORMULA_STARTS):
        return "'" + text
    return text
