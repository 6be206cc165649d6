"""Display helpers for the analyst pages: money, categories, sort links."""

from decimal import Decimal

from django import template

from pledges import vocabulary as voc

register = template.Library()

SCALES = [(Decimal(10**9), "bn"), (Decimal(10**6), "m"), (Decimal(10**3), "k")]


@register.filter
def money(value, currency=""):
    """'EUR 1,234,567' (no decimals); an em dash when there is no amount."""
    if value is None or value == "":
        return "—"
    text = f"{Decimal(value):,.0f}"
    return f"{currency} {text}".strip()


@register.filter
def compact(value, currency=""):
    """'EUR 1.23 bn' for headline figures."""
    value = Decimal(value or 0)
    for scale, suffix in SCALES:
        if abs(value) >= scale:
            return f"{currency} {value / scale:,.2f} {suffix}".strip()
    return f"{currency} {value:,.0f}".strip()


@register.filter
def number(value):
    """A chart-table cell: thousands separators, no decimals."""
    if isinstance(value, (int, float, Decimal)):
        return f"{value:,.0f}"
    return value


@register.filter
def category_label(value):
    return voc.CATEGORY_LABELS.get(value, value)


@register.filter
def category_colour(value):
    return voc.CATEGORY_COLOURS.get(value, "#999999")


@register.simple_tag
def next_sort(current, key):
    """Clicking a sorted column flips its direction; another column sorts ascending."""
    if current == key:
        return f"-{key}"
    if current == f"-{key}":
        return key
    return key


@register.simple_tag
def sort_state(current, key):
    if current == key:
        return "ascending"
    if current == f"-{key}":
        return "descending"
    return "none"


@register.filter
def web_url(value):
    """The URL if it is http(s), else empty: a stored 'javascript:' URL must never become a link."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""
