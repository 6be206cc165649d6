"""ParseResult -> database rows, in one transaction.

The writer never parses. For one article it:

1. forgets what an earlier parse of this article wrote, but only the
   automatic records that came from this article alone (pledges other
   articles also reported keep their rows and lose this article's evidence;
   pledges staff verified, rejected or edited are never touched). Such a
   pledge that the new parse reads again keeps its row, so its id (links,
   CSV exports) survives a re-parse: see step 6;
2. resolves donors and participants to `Country` rows by code;
3. merges coalitions on their normalised name (adding leaders and members)
   and meetings on (format, number) or (format, date) (bilateral and
   multilateral talks on one date also need a partner in common);
4. merges each pledge with the same pledge reported by another article: same
   donor and kind, announced within 14 days, and amounts within 1% (or, both
   without amounts, at least one item in common). A merged pledge has one
   Evidence per article. Kinds never mix, so a cumulative running total is
   never merged with a pledge. A pledge staff reviewed or edited only gains
   the evidence; synthetic pledges are never matched;
5. recognises, on a re-parse, the pledges staff locked as the article's own:
   a report read from the same sentence (or offsets) is that pledge, whatever
   amount, items, donor or kind staff gave it (the same donor and kind first,
   for sentences that name two pledges). It only refreshes the pledge's
   evidence, never adds a pledge beside it;
6. gives a report that matched no stored pledge the id of the automatic
   pledge the earlier parse of this article alone read in its place (same
   sentence or offsets, or the same pledge rule): that row is rewritten with
   the report's values, items and evidence, exactly what a new row would
   hold. Only the earlier pledges no report reads again are deleted.

A merged pledge takes its date, amount and category from the earliest report
(ties: the smaller amount), so the result does not depend on the order in
which articles arrive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.utils import timezone

from pledges import catalogue, money
from pledges import vocabulary as voc
from pledges.models import Coalition, Country, Evidence, Meeting, Pledge, PledgeItem, WeaponSystem, link_deliveries

from .parser import PARSER_VERSION

# What the edit history says of every change the writer makes (staff changes carry their user).
PARSE_REASON = f"parse (parser {PARSER_VERSION})"


def _save(instance, **kwargs):
    """save(), recorded in the edit history as a parse."""
    instance._change_reason = PARSE_REASON
    instance.save(**kwargs)
    return instance


MERGE_WINDOW = timedelta(days=14)
AMOUNT_TOLERANCE = Decimal("0.01")
# One key for every writer: merging compares an article's records with every
# other article's, so two writers must not decide at the same time.
WRITER_LOCK_KEY = 0x41494454  # "AIDT"


class WriteError(ValueError):
    """A ParseResult that cannot be written (unknown code, value off the vocabulary)."""


@dataclass
class WriteSummary:
    pledges_created: int = 0
    pledges_merged: int = 0
    pledges_kept: int = 0  # the article's own earlier pledges read again, rewritten in place
    meetings_created: int = 0
    meetings_merged: int = 0
    coalitions_created: int = 0


def write(article, result, *, savepoint=True) -> WriteSummary:
    """Store `result` (a ParseResult) as the records of `article`, atomically.

    Also sets the article's parsed_at, and its blank title and published date
    from the result; saving those is the caller's, in the same transaction
    (the task saves them with the article's status). An article whose
    parsed_at is None has never had records written, so there is nothing of
    an earlier parse to forget. `savepoint=False` is for a caller whose own
    transaction rolls back as a whole on error (saves two round trips).
    """
    countries = _countries(result)
    with transaction.atomic(savepoint=savepoint):
        _lock_writers()
        earlier_meetings = list(article.meetings.values_list("pk", flat=True)) if article.pk else []
        earlier = _forget(article) if article.parsed_at is not None else []
        summary = WriteSummary()
        coalitions = _write_coalitions(result, countries, summary)
        meetings = _write_meetings(result, countries, summary, earlier_meetings)
        _write_pledges(article, result, coalitions, meetings, summary, earlier)
        # a delivery read here may fulfil a pledge of another article, and the other way round
        link_deliveries({p.donor for p in result.pledges if p.kind in (voc.KIND_PLEDGE, voc.KIND_DELIVERY)})
        if meetings:
            article.meetings.add(*{m.pk for m in meetings})
        _drop_meetings(earlier_meetings, meetings)
        _fill_article(article, result)
        return summary


def _lock_writers():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WRITER_LOCK_KEY])
    # SQLite (the embedded default) serialises writing transactions by itself.


# --- forgetting an earlier parse -------------------------------------------


def _forget(article):
    """Undo the earlier parse of `article`; returns the pks of its own automatic pledges.

    Those pledges (reported by this article alone) are not deleted here:
    `_write_pledges` rewrites the ones the new parse reads again, so their
    ids survive, and deletes the rest. Until then they take no part in
    matching, so the result is the same as if the article were new.
    """
    own = Pledge.objects.filter(
        evidence__article=article, review_status=voc.REVIEW_AUTO, staff_edited=False
    )
    reported_by = {
        pk: (n, synthetic)
        for pk, n, synthetic in Pledge.objects.filter(pk__in=own.values("pk"))
        .annotate(n=Count("evidence__article", distinct=True))
        .values_list("pk", "n", "is_synthetic")
    }
    alone = sorted(pk for pk, (n, synthetic) in reported_by.items() if n <= 1 and not synthetic)
    shared = [pk for pk, (n, _) in reported_by.items() if n > 1]
    synthetic = [pk for pk, (n, s) in reported_by.items() if n <= 1 and s]
    if synthetic:  # never rewritten into a parsed pledge
        Pledge.objects.filter(pk__in=synthetic).delete()
    if shared:
        Evidence.objects.filter(article=article, pledge_id__in=shared).delete()
    if article.pk:
        # The meetings stay until the new reading is matched against them (`_drop_meetings`),
        # so a meeting read again keeps its id, and any staff edit to it.
        article.meetings.clear()
    return alone


def _drop_meetings(earlier, kept):
    """The earlier parse's meetings the new one did not read again, unless another article
    reports them, a pledge refers to them or staff edited them."""
    gone = set(earlier) - {m.pk for m in kept}
    if gone:
        Meeting.objects.filter(
            pk__in=gone, articles__isnull=True, pledges__isnull=True, staff_edited=False
        ).delete()


# --- countries ---------------------------------------------------------------


_KNOWN_CODES = set()  # Country codes seen in the database by this process


def _countries(result):
    """The country codes the result names; WriteError if one is not a Country.

    Codes are checked against the database once per process: countries are
    reference data, only ever added.
    """
    codes = set()
    for p in result.pledges:
        codes.add(p.donor)
    for c in result.coalitions:
        codes.update(c.leaders)
        codes.update(c.members)
    for m in result.meetings:
        codes.update(m.participants)
    unseen = [c for c in codes if c not in _KNOWN_CODES and isinstance(c, str)]
    if unseen:
        _KNOWN_CODES.update(Country.objects.filter(code__in=unseen).values_list("code", flat=True))
    unknown = sorted(str(c) for c in codes if c not in _KNOWN_CODES)
    if unknown:
        raise WriteError(f"unknown country code(s): {', '.join(unknown)}")
    return codes


# --- coalitions --------------------------------------------------------------


def _coalition_key(name):
    key = " ".join(str(name).lower().split())
    key = re.sub(r"^the ", "", key)
    return key.replace("defense", "defence").replace("armored", "armoured")


_KNOWN_COALITIONS = {_coalition_key(name): name for name in voc.COALITIONS}


def coalition_name(name):
    """The one spelling of a coalition's name: the vocabulary's when it is known."""
    return _KNOWN_COALITIONS.get(_coalition_key(name), " ".join(str(name).split())[:120])


class _Coalitions:
    """Coalitions by normalised name, read once per write, created on demand."""

    def __init__(self, summary):
        self.summary = summary
        self.by_key = None

    def get(self, name, area):
        if self.by_key is None:
            self.by_key = {c.name.lower(): c for c in Coalition.objects.only("pk", "name", "staff_edited")}
        name = coalition_name(name)
        found = self.by_key.get(name.lower())
        if found is None:
            area = voc.COALITIONS.get(name, area if area in voc.CATEGORY_VALUES else "general")
            found = _save(Coalition(name=name, area=area))
            self.by_key[name.lower()] = found
            self.summary.coalitions_created += 1
        return found


def _write_coalitions(result, countries, summary):
    coalitions = _Coalitions(summary)
    leaders, members = set(), set()
    for parsed in result.coalitions:
        coalition = coalitions.get(parsed.name, parsed.area)
        if coalition.staff_edited:
            continue  # staff set its leaders and members: a parse keeps them as they are
        leaders.update((coalition.pk, code) for code in parsed.leaders)
        members.update((coalition.pk, code) for code in {*parsed.members, *parsed.leaders})
    # Adding to what is there: one insert per relation, existing pairs kept.
    for through, pairs in ((Coalition.leaders.through, leaders), (Coalition.members.through, members)):
        if pairs:
            through.objects.bulk_create(
                [through(coalition_id=c, country_id=code) for c, code in sorted(pairs)], ignore_conflicts=True
            )
    return coalitions


# --- meetings ----------------------------------------------------------------


def _write_meetings(result, countries, summary, earlier=()):
    """One Meeting row per parsed meeting, index-aligned with result.meetings.

    `earlier`: the meetings the article's earlier parse wrote; one of them that staff edited
    is the same meeting when it has the same format (staff may have changed its date or
    number), and a staff-edited meeting keeps its fields and participants as staff left them.
    """
    rows = []
    participants = set()
    edited = list(Meeting.objects.filter(pk__in=earlier, staff_edited=True).order_by("pk")) if earlier else []
    for parsed in result.meetings:
        fmt = voc.MEETING_FORMAT_BY_NAME.get(parsed.name)
        if fmt is None:
            raise WriteError(f"unknown meeting format {parsed.name!r}")
        meeting = next((m for m in edited if m.format == fmt and m not in rows), None) or _matching_meeting(
            fmt, parsed, rows)
        if meeting is None:
            meeting = _save(Meeting(
                format=fmt,
                number=parsed.number,
                date=parsed.date,
                location=(parsed.location or "")[:100],
                virtual=bool(parsed.virtual),
            ))
            summary.meetings_created += 1
        elif meeting.staff_edited:
            rows.append(meeting)
            summary.meetings_merged += 1
            continue
        else:
            changed = []
            if meeting.number is None and parsed.number:
                meeting.number = parsed.number
                changed.append("number")
            if meeting.date is None and parsed.date:
                meeting.date = parsed.date
                changed.append("date")
            if not meeting.location and parsed.location:
                meeting.location = parsed.location[:100]
                changed.append("location")
            if changed:
                _save(meeting, update_fields=changed)
            summary.meetings_merged += 1
        participants.update((meeting.pk, code) for code in parsed.participants)
        rows.append(meeting)
    if participants:
        through = Meeting.participants.through
        through.objects.bulk_create(
            [through(meeting_id=m, country_id=code) for m, code in sorted(participants)], ignore_conflicts=True
        )
    return rows


def _matching_meeting(fmt, parsed, taken):
    """The stored meeting this parsed meeting reports, if any.

    `taken` holds meetings already matched in this article: two meetings of
    one article are two meetings (a minister's two bilateral talks on one day).
    """
    if not parsed.number and not parsed.date:
        return None
    key = Q()
    if parsed.number:
        key |= Q(number=parsed.number)
    if parsed.date:
        key |= Q(date=parsed.date, number__isnull=True) if parsed.number else Q(date=parsed.date)
    candidates = list(
        Meeting.objects.filter(key, format=fmt).exclude(pk__in=[m.pk for m in taken]).order_by("pk")
    )
    if parsed.number:
        for meeting in candidates:
            if meeting.number == parsed.number:
                return meeting
    candidates = [m for m in candidates if parsed.date and m.date == parsed.date]
    ours = set(parsed.participants) - {"UKR"}
    by_partner = fmt in ("bilateral", "multilateral") and ours and candidates
    partners = {}
    if by_partner:
        through = Meeting.participants.through.objects
        for meeting_id, code in through.filter(meeting_id__in=[m.pk for m in candidates]).values_list(
            "meeting_id", "country_id"
        ):
            partners.setdefault(meeting_id, set()).add(code)
    for meeting in candidates:
        if by_partner:
            # Many bilateral talks share a date: the same one has the same partner.
            theirs = partners.get(meeting.pk, set()) - {"UKR"}
            if theirs and not (ours & theirs):
                continue
        return meeting
    return None


# --- pledges -----------------------------------------------------------------


def _decimal_amount(value):
    if value is None:
        return None
    try:
        amount = Decimal(str(value))
    except ArithmeticError as exc:
        raise WriteError(f"amount {value!r} is not a number") from exc
    if not amount.is_finite():
        raise WriteError(f"amount {value!r} is not a number")
    return amount.quantize(Decimal("0.01"))


@dataclass
class _Report:
    """One parsed pledge, validated and converted, ready to match or insert."""

    parsed: object
    donor: str
    kind: str
    fields: dict  # announced, amount, currency, amount_eur, amount_usd, rate_missing, category
    items: list  # (system, quantity, category)
    coalition: object
    meeting: object

    @property
    def item_keys(self):
        return {system.lower() for system, _, _ in self.items}


def _prepare(article, result, parsed, coalitions, meetings):
    if parsed.kind not in voc.KIND_VALUES:
        raise WriteError(f"unknown kind {parsed.kind!r}")
    if parsed.category not in voc.CATEGORY_VALUES:
        raise WriteError(f"unknown category {parsed.category!r}")
    announced = parsed.announced or result.published or article.published
    amount = _decimal_amount(parsed.amount)
    currency = (parsed.currency or "").upper()
    converted = money.to_eur_usd(amount, currency, announced)
    meeting = None
    if parsed.meeting is not None:
        if not 0 <= parsed.meeting < len(meetings):
            raise WriteError(f"meeting index {parsed.meeting} out of range")
        meeting = meetings[parsed.meeting]
    return _Report(
        parsed=parsed,
        donor=parsed.donor,
        kind=parsed.kind,
        fields=dict(
            announced=announced,
            amount=amount,
            currency=currency,
            amount_eur=converted.eur,
            amount_usd=converted.usd,
            rate_missing=converted.rate_missing,
            category=parsed.category,
        ),
        items=_items(parsed),
        coalition=coalitions.get(parsed.coalition, parsed.category) if parsed.coalition else None,
        meeting=meeting,
    )


def _write_pledges(article, result, coalitions, meetings, summary, earlier=()):
    """Match every parsed pledge against stored ones, then insert in bulk.

    `earlier`: pks of the automatic pledges the earlier parse of this article
    alone wrote (from `_forget`); reports that match no stored pledge take
    their rows, the rest are deleted.
    """
    reports = []
    for index, parsed in enumerate(result.pledges):
        try:
            reports.append(_prepare(article, result, parsed, coalitions, meetings))
        except WriteError as exc:
            raise WriteError(f"pledge {index + 1} ({parsed.donor}): {exc}") from exc
    if not reports:
        if earlier:
            Pledge.objects.filter(pk__in=earlier).delete()
        return
    pool, stored_items, own_evidence = _candidates(article, reports, earlier)
    matches = _match(reports, pool, stored_items, own_evidence)
    again, earlier_items = _read_again(article, reports, matches, earlier)
    gone = set(earlier) - {pledge.pk for pledge in again if pledge is not None}
    if gone:
        Pledge.objects.filter(pk__in=gone).delete()
    created, new_items, evidence = [], [], []
    for report, match, kept in zip(reports, matches, again):
        if kept is not None:
            pledge = kept
            new_items.extend(_rewrite(kept, report, earlier_items.get(kept.pk, {})))
            summary.pledges_kept += 1
        elif match is None:
            pledge = Pledge(
                donor_id=report.donor,
                kind=report.kind,
                coalition=report.coalition,
                meeting=report.meeting,
                confidence=report.parsed.confidence,
                **report.fields,
            )
            created.append((pledge, report))
            summary.pledges_created += 1
        else:
            pledge = match
            if not match.locked:  # staff decisions win: a locked pledge only gains evidence
                new_items.extend(_merge(match, report, stored_items.get(match.pk, {})))
            summary.pledges_merged += 1
        evidence.append(Evidence(
            pledge=pledge, article=article, sentence=report.parsed.evidence or "",
            start=report.parsed.start, end=report.parsed.end,
        ))
    Pledge.objects.bulk_create([pledge for pledge, _ in created])
    Pledge.history.bulk_history_create([pledge for pledge, _ in created], default_change_reason=PARSE_REASON)
    for pledge, report in created:
        new_items.extend(
            PledgeItem(pledge=pledge, system=s, quantity=q, category=c) for s, q, c in report.items
        )
    catalogue.link_items(PledgeItem, WeaponSystem, new_items)  # which catalogue system each item names
    PledgeItem.objects.bulk_create(new_items)
    PledgeItem.history.bulk_history_create(new_items, default_change_reason=PARSE_REASON)
    # A locked pledge, or an own pledge kept, read again from this article gets this
    # reading's evidence in place of the earlier one, unless staff edited that evidence.
    edited = set(Evidence.objects.filter(article=article, staff_edited=True).values_list("pledge_id", flat=True))
    # Evidence staff deleted (the edit history has their deletion) stays deleted.
    edited |= _evidence_deleted_by_staff(article, [row.pledge.pk for row in evidence])
    written = [row for row in evidence if row.pledge.pk not in edited]
    Evidence.objects.bulk_create(
        written, update_conflicts=True, unique_fields=["pledge", "article"], update_fields=["sentence", "start", "end"],
    )
    Evidence.history.bulk_history_create([row for row in written if row.pk], default_change_reason=PARSE_REASON)


def _evidence_deleted_by_staff(article, pledge_ids):
    """Pledges whose evidence from `article` staff deleted, and that have none from it since."""
    if not article.pk or not pledge_ids:
        return set()
    latest = {}
    for pledge_id, kind, user_id in (
        Evidence.history.filter(article_id=article.pk, pledge_id__in=pledge_ids)
        .order_by("history_date", "history_id")
        .values_list("pledge_id", "history_type", "history_user_id")
    ):
        latest[pledge_id] = (kind, user_id)
    return {pk for pk, (kind, user_id) in latest.items() if kind == "-" and user_id is not None}


def _items(parsed):
    """(system, quantity, category) with one entry per system name."""
    seen = {}
    for item in parsed.items:
        system = " ".join(str(item.system).split())[:200]
        if not system:
            continue
        if item.quantity is not None and (item.quantity < 0 or int(item.quantity) != item.quantity):
            raise WriteError(f"quantity {item.quantity!r} of {system!r} is not a count")
        category = item.category if item.category in voc.CATEGORY_VALUES else parsed.category
        key = system.lower()
        if key in seen:
            _, quantity, _ = seen[key]
            if quantity is None or (item.quantity or 0) > quantity:
                seen[key] = (system, item.quantity, category)
        else:
            seen[key] = (system, item.quantity, category)
    return list(seen.values())


def _amounts_agree(a, b):
    return abs(a - b) <= AMOUNT_TOLERANCE * max(abs(a), abs(b))


def _candidates(article, reports, earlier=()):
    """Stored pledges any report may match (one query), and their items (one more).

    SQL narrows by donor, kind, date window and amount range (or a shared
    item), plus the pledges this article already reported; `_match` applies
    the exact rules. `earlier` (this article's own automatic pledges, see
    `_forget`) are left out: they count as gone.
    """
    wanted = Q(pk__in=[])
    for report in reports:
        fields = report.fields
        condition = Q(donor_id=report.donor, kind=report.kind)
        announced = fields["announced"]
        if announced is None:
            condition &= Q(announced__isnull=True)
        else:
            condition &= Q(announced__range=(announced - MERGE_WINDOW, announced + MERGE_WINDOW))
        amount = fields["amount"]
        if amount is None:
            if not report.items:
                continue
            condition &= Q(amount__isnull=True) & Exists(
                PledgeItem.objects.annotate(key=Lower("system")).filter(
                    pledge=OuterRef("pk"), key__in=report.item_keys
                )
            )
        else:
            close = Q(currency=fields["currency"], amount__range=_tolerance_range(amount))
            if fields["amount_eur"] is not None:
                close |= Q(amount_eur__range=_tolerance_range(fields["amount_eur"]))
            condition &= close
        wanted |= condition
    # After _forget, the only pledges with evidence from this article, apart
    # from `earlier`, are those staff locked. They are candidates whatever
    # their amount: staff may have corrected it (or its donor), and a new
    # reading of the same sentence is still their pledge, not a new one.
    wanted |= Q(pk__in=Evidence.objects.filter(article=article).values("pledge_id"))
    pool = list(Pledge.objects.filter(wanted, is_synthetic=False).exclude(pk__in=earlier).order_by("pk"))
    stored_items, own_evidence = {}, {}
    if pool:
        pks = [p.pk for p in pool]
        for item in PledgeItem.objects.filter(pledge_id__in=pks):
            stored_items.setdefault(item.pledge_id, {})[item.system.lower()] = item
        for row in Evidence.objects.filter(article=article, pledge_id__in=pks):
            own_evidence[row.pledge_id] = row
    return pool, stored_items, own_evidence


def _tolerance_range(value):
    # |a - b| <= 1% of the larger: b lies within [a * 0.99, a / 0.99].
    return (value * (1 - AMOUNT_TOLERANCE), value / (1 - AMOUNT_TOLERANCE))


def _match(reports, pool, stored_items, own_evidence):
    """The stored pledge each report is (or None), index-aligned with `reports`.

    A stored pledge is matched by one report at most: two pledges of one
    article are two pledges. Pledges this article already reported (kept
    because staff locked them) are matched first: by the same reading (same
    sentence or offsets) and the same pledge rule, then by the same reading
    with the same donor and kind (staff corrected the amount or items), then
    every report tries the same pledge rule on the whole pool, and last a
    report still unmatched takes an own pledge read from the same place
    (staff corrected its donor or kind).
    """
    matches = [None] * len(reports)
    taken = set()
    own = [p for p in pool if p.pk in own_evidence]

    def same_reading(report, pledge):
        return (
            pledge.donor_id == report.donor
            and pledge.kind == report.kind
            and _same_reading(report.parsed, own_evidence[pledge.pk])
        )

    def reread(report, pledge):
        if not same_reading(report, pledge):
            return None
        return _distance(report, pledge, stored_items)

    def corrected(report, pledge):
        return (0,) if same_reading(report, pledge) else None

    def anywhere(report, pledge):
        distance = _distance(report, pledge, stored_items)
        # The article's own pledge first, then the closest-dated one.
        return None if distance is None else (pledge.pk not in own_evidence, distance)

    def recast(report, pledge):
        # Staff gave the pledge another donor or kind: its sentence still names it.
        return (0,) if _same_reading(report.parsed, own_evidence[pledge.pk]) else None

    _pair(reports, matches, ((own, reread), (own, corrected), (pool, anywhere), (own, recast)))
    return matches


def _pair(reports, matches, passes):
    """Fill `matches` (None where a report has none yet) pass by pass, one pledge per report.

    Each pass is (candidates, rank): rank(report, pledge) is a sort key, the
    smallest wins, or None when the pledge is not that report's.
    """
    taken = {m.pk for m in matches if m is not None}
    for candidates, rank in passes:
        for index, report in enumerate(reports):
            if matches[index] is not None:
                continue
            best = None
            for pledge in candidates:
                if pledge.pk in taken:
                    continue
                key = rank(report, pledge)
                if key is not None and (best is None or key < best[0]):
                    best = (key, pledge)
            if best is not None:
                matches[index] = best[1]
                taken.add(best[1].pk)


def _read_again(article, reports, matches, earlier):
    """The earlier own pledge each unmatched report reads again (or None), and their items.

    Index-aligned with `reports`; a report `_match` matched gets None. The
    same reading and the same pledge rule first (two pledges of one
    sentence), then the same reading with the same donor and kind (the
    parser now reads another amount or items), then the same pledge rule
    (it now cuts the sentence differently), then the same reading alone
    (it now reads another donor or kind from that sentence).
    """
    again = [None] * len(reports)
    if not earlier or all(m is not None for m in matches):
        return again, {}
    pledges = list(Pledge.objects.filter(pk__in=earlier).order_by("pk"))
    items, readings = {}, {}
    for item in PledgeItem.objects.filter(pledge_id__in=earlier):
        items.setdefault(item.pledge_id, {})[item.system.lower()] = item
    for row in Evidence.objects.filter(article=article, pledge_id__in=earlier):
        readings[row.pledge_id] = row
    pledges = [p for p in pledges if p.pk in readings]

    def same_place(report, pledge):
        return _same_reading(report.parsed, readings[pledge.pk])

    def same_pledge(report, pledge):
        return pledge.donor_id == report.donor and pledge.kind == report.kind

    def reread(report, pledge):
        return _distance(report, pledge, items) if same_place(report, pledge) else None

    def corrected(report, pledge):
        return (0,) if same_place(report, pledge) and same_pledge(report, pledge) else None

    def same_rule(report, pledge):
        return _distance(report, pledge, items)

    def recast(report, pledge):
        return (0,) if same_place(report, pledge) else None

    # Reports `_match` matched take part as already served.
    served = list(matches)
    _pair(reports, served, ((pledges, reread), (pledges, corrected), (pledges, same_rule), (pledges, recast)))
    for index, match in enumerate(matches):
        if match is None:
            again[index] = served[index]
    return again, items


def _same_reading(parsed, evidence):
    """Whether a parsed pledge was read from the same place as stored evidence."""
    sentence = " ".join((parsed.evidence or "").split())
    if sentence and sentence == " ".join(evidence.sentence.split()):
        return True
    return parsed.start is not None and (parsed.start, parsed.end) == (evidence.start, evidence.end)


def _distance(report, pledge, stored_items):
    """Days between the announcements when `pledge` is the same pledge as `report`, else None.

    Same donor and kind, announced within MERGE_WINDOW, amounts within
    AMOUNT_TOLERANCE (in the same currency, else in EUR), or, both without an
    amount, an item in common.
    """
    fields = report.fields
    announced, amount = fields["announced"], fields["amount"]
    if pledge.donor_id != report.donor or pledge.kind != report.kind:
        return None
    if announced is None:
        if pledge.announced is not None:
            return None
        distance = 0
    else:
        if pledge.announced is None:
            return None
        distance = abs((pledge.announced - announced).days)
        if distance > MERGE_WINDOW.days:
            return None
    if amount is None:
        if pledge.amount is not None or not (report.item_keys & set(stored_items.get(pledge.pk, {}))):
            return None
    elif pledge.amount is None:
        return None
    elif pledge.currency == fields["currency"]:
        if not _amounts_agree(pledge.amount, amount):
            return None
    elif pledge.amount_eur is None or fields["amount_eur"] is None:
        return None
    elif not _amounts_agree(pledge.amount_eur, fields["amount_eur"]):
        return None
    return distance


def _canonical_first(report, pledge):
    """Whether the new report, not the stored pledge, is the original announcement."""
    def order(announced, amount_eur, amount, currency):
        zero = Decimal(0)
        return (
            announced is None, announced or date.min,
            amount_eur if amount_eur is not None else zero, currency, amount if amount is not None else zero,
        )

    return order(report["announced"], report["amount_eur"], report["amount"], report["currency"]) < order(
        pledge.announced, pledge.amount_eur, pledge.amount, pledge.currency
    )


def _merge(pledge, report, stored):
    """Fold a new report into a stored automatic pledge. Returns items to insert."""
    changed = []
    if _canonical_first(report.fields, pledge):
        for field, value in report.fields.items():
            setattr(pledge, field, value)
        changed.extend(report.fields)
    if pledge.coalition_id is None and report.coalition is not None:
        pledge.coalition = report.coalition
        changed.append("coalition")
    if pledge.meeting_id is None and report.meeting is not None:
        pledge.meeting = report.meeting
        changed.append("meeting")
    confidence = report.parsed.confidence
    if confidence is not None and (pledge.confidence is None or confidence > pledge.confidence):
        pledge.confidence = confidence
        changed.append("confidence")
    if changed:
        _save(pledge, update_fields=[*changed, "updated"])
    new = []
    for system, quantity, category in report.items:
        existing = stored.get(system.lower())
        if existing is None:
            new.append(PledgeItem(pledge=pledge, system=system, quantity=quantity, category=category))
        elif quantity is not None and (existing.quantity is None or quantity > existing.quantity):
            existing.quantity = quantity
            _save(existing, update_fields=["quantity"])
    return new


def _rewrite(pledge, report, stored):
    """Give an earlier own pledge the values of `report`, as a new row would have them.

    Saves only what changed; replaces the items when they differ. Returns
    the items to insert.
    """
    values = dict(
        report.fields,
        donor_id=report.donor,
        kind=report.kind,
        coalition_id=report.coalition.pk if report.coalition is not None else None,
        meeting_id=report.meeting.pk if report.meeting is not None else None,
        confidence=report.parsed.confidence,
    )
    changed = []
    for attname, value in values.items():
        if getattr(pledge, attname) != value:
            setattr(pledge, attname, value)
            changed.append(attname.removesuffix("_id"))
    if changed:
        _save(pledge, update_fields=[*changed, "updated"])
    wanted = sorted(report.items, key=lambda item: item[0])
    if sorted(((i.system, i.quantity, i.category) for i in stored.values()), key=lambda item: item[0]) == wanted:
        return []
    PledgeItem.objects.filter(pledge=pledge).delete()
    return [PledgeItem(pledge=pledge, system=s, quantity=q, category=c) for s, q, c in wanted]


def _fill_article(article, result):
    article.parsed_at = timezone.now()
    if not article.title and result.title:
        article.title = str(result.title)[:500]
    if article.published is None and result.published:
        article.published = result.published
