"""Article pages: the list of ingested articles and one article with its evidence.

Article text is untrusted: the template escapes every segment; highlights are
built as (text, evidence) segments, never as pre-built HTML.
"""

from dataclasses import dataclass, replace

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from pledges.models import Evidence
from pledges.tables import paginate, page_number

from .models import STATUS_CHOICES, Article


@dataclass(frozen=True)
class Segment:
    text: str
    evidence: Evidence | None = None
    # Further evidence of exactly this span: other pledges read from the same sentence.
    shared: tuple = ()


def spans(evidence, length):
    """Valid (start, end, evidence) in text order: spans that overlap another are
    dropped, spans identical to another are kept (several pledges, one sentence)."""
    # Sorted by position then pk, never by the Evidence itself: two pledges read
    # from one sentence share (start, end), and Evidence has no order.
    valid = sorted(
        (
            (e.start, e.end, e)
            for e in evidence
            if e.start is not None and e.end is not None and 0 <= e.start < e.end <= length
        ),
        key=lambda span: (span[0], span[1], span[2].pk),
    )
    kept, last_end = [], 0
    for start, end, item in valid:
        same_span = kept and kept[-1][:2] == (start, end)
        if start >= last_end or same_span:  # overlapping spans: the earlier one wins
            kept.append((start, end, item))
            last_end = end
    return kept


def segments(text, evidence):
    """The text cut into plain and highlighted pieces."""
    pieces, cursor, last = [], 0, None
    for start, end, item in spans(evidence, len(text)):
        if (start, end) == last:
            pieces[-1] = replace(pieces[-1], shared=pieces[-1].shared + (item,))
            continue
        last = (start, end)
        if start > cursor:
            pieces.append(Segment(text[cursor:start]))
        pieces.append(Segment(text[start:end], item))
        cursor = end
    if cursor < len(text):
        pieces.append(Segment(text[cursor:]))
    return pieces


@require_safe
def article_detail(request, pk):
    article = get_object_or_404(Article, pk=pk)
    evidence = list(
        Evidence.objects.filter(article=article)
        .select_related("pledge", "pledge__donor")
        .order_by("start", "id")
    )
    placed = {item.pk for _start, _end, item in spans(evidence, len(article.text))}
    context = {
        "article": article,
        "segments": segments(article.text, evidence),
        "evidence": evidence,
        "unplaced": [e for e in evidence if e.pk not in placed],
    }
    return render(request, "ingest/article_detail.html", context)


@require_safe
def article_list(request):
    status = request.GET.get("status", "")
    articles = Article.objects.defer("text").order_by("-published", "-id")
    if status in dict(STATUS_CHOICES):
        articles = articles.filter(status=status)
    page = paginate(articles, page_number(request.GET.get("page")))
    context = {"page": page, "status": status, "statuses": STATUS_CHOICES}
    return render(request, "ingest/article_list.html", context)
