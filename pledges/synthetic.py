"""Synthetic pledges for load tests: realistic in shape, always marked is_synthetic.

The distributions are a handful of rounded parameters read off the Kiel Ukraine
Support Tracker (release 29) military-aid figures, written here in our own terms:

- donors: share of records, roughly the square root of each donor's share of
  military aid (news covers small donors more often than their money suggests),
  with the EU and NATO added as the organisations the parser also reports;
- amounts: log-normal around a donor's typical package, wider for big donors;
- categories: air defence and artillery lead, as in the tracker's heavy-weapons
  values, with the lighter categories news reports mention;
- kinds: deliveries are about two thirds of commitments in the tracker; a tenth
  of records are reported running totals;
- timing: monthly volume by year from Feb 2022, with December peaks (year-end
  budget releases).

Amounts in EUR and USD come from pledges.money.to_eur_usd, as for parsed
pledges: the ECB reference rate of the announced date (or the nearest earlier
business day), so amount, amount_eur and amount_usd agree.

The generator is pure: same seed, same rows. It assigns ids from ranges the
loader reserves, so pledges, items, evidence and articles link without lookups.
"""

import bisect
import calendar
import datetime as dt
import math
import random
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.models import PARSED, text_sha256

from . import money
from . import vocabulary as voc

FIRST_DAY = dt.date(2022, 2, 24)
# The bundled ECB history ends here; later dates would have no rate.
LAST_DAY = dt.date(2026, 10, 30)

# donor -> (share of records in %, typical package in EUR millions, home currency)
DONORS = {
    "USA": (12.0, 120, "USD"),
    "DEU": (7.5, 45, "EUR"),
    "GBR": (6.0, 40, "GBP"),
    "DNK": (4.5, 30, "DKK"),
    "SWE": (4.5, 30, "SEK"),
    "NLD": (4.5, 30, "EUR"),
    "NOR": (4.0, 25, "NOK"),
    "FRA": (3.8, 25, "EUR"),
    "CAN": (3.5, 20, "CAD"),
    "POL": (3.2, 20, "PLN"),
    "FIN": (2.8, 15, "EUR"),
    "ITA": (2.6, 15, "EUR"),
    "BEL": (2.5, 14, "EUR"),
    "ESP": (2.0, 10, "EUR"),
    "LTU": (2.0, 5, "EUR"),
    "AUS": (1.6, 8, "AUD"),
    "EST": (1.6, 4, "EUR"),
    "SVK": (1.4, 6, "EUR"),
    "LVA": (1.3, 4, "EUR"),
    "CZE": (1.3, 6, "CZK"),
    "ROU": (1.0, 5, "RON"),
    "PRT": (1.0, 4, "EUR"),
    "HRV": (0.8, 4, "EUR"),
    "BGR": (0.8, 4, "BGN"),
    "LUX": (0.8, 2, "EUR"),
    "IRL": (0.7, 3, "EUR"),
    "GRC": (0.6, 3, "EUR"),
    "SVN": (0.5, 2, "EUR"),
    "JPN": (0.5, 5, "JPY"),
    "TUR": (0.4, 4, "TRY"),
    "ISL": (0.4, 1, "ISK"),
    "NZL": (0.3, 2, "NZD"),
    "KOR": (0.2, 2, "KRW"),
    "AUT": (0.2, 1, "EUR"),
    "EU": (3.0, 150, "EUR"),
    "NATO": (1.0, 60, "EUR"),
}
# Non-US donors report in dollars this often (US-made systems, joint funds).
USD_REPORTED_SHARE = 0.15

CATEGORY_WEIGHTS = {
    "air_defense": 16,
    "artillery": 18,
    "armor": 12,
    "aircraft": 5,
    "drones": 10,
    "long_range_strike": 4,
    "maritime": 3,
    "demining": 3,
    "electronic_warfare": 3,
    "it_cyber": 2,
    "infantry": 6,
    "training": 5,
    "industry": 4,
    "general": 9,
}
KIND_WEIGHTS = {voc.KIND_PLEDGE: 55, voc.KIND_DELIVERY: 35, voc.KIND_CUMULATIVE: 10}
# A running total covers many packages.
KIND_AMOUNT_FACTOR = {voc.KIND_PLEDGE: 1.0, voc.KIND_DELIVERY: 0.7, voc.KIND_CUMULATIVE: 15.0}
REVIEW_WEIGHTS = {voc.REVIEW_AUTO: 88, voc.REVIEW_VERIFIED: 10, voc.REVIEW_REJECTED: 2}
# Monthly volume by year (relative), and the December year-end peak.
YEAR_MONTH_WEIGHT = {2022: 3.4, 2023: 3.9, 2024: 3.5, 2025: 3.1, 2026: 2.5}
DECEMBER_FACTOR = 1.5

NO_AMOUNT_SHARE = 0.12  # items only, as many news reports give no value
AMOUNT_SIGMA = 1.1
MEETING_SHARE = 0.15
COALITION_SHARE = 0.3
ITEM_COUNT_WEIGHTS = [30, 45, 18, 7]  # 0, 1, 2, 3 items
EXTRA_SOURCE_WEIGHTS = [75, 20, 5]  # a pledge reported by 1, 2 or 3 articles
NEW_ARTICLE_SHARE = 0.35  # otherwise the pledge is one more report in a recent article
RECENT_ARTICLES = 40

SYSTEMS = {
    "air_defense": ["IRIS-T SLM", "Patriot battery", "NASAMS", "Gepard", "Skynex", "Stinger", "Hawk launcher", "Crotale"],
    "artillery": ["155mm ammunition", "Caesar howitzer", "M777 howitzer", "PzH 2000", "Archer", "122mm shells", "AHS Krab"],
    "armor": ["Leopard 1", "Leopard 2", "Bradley", "Stryker", "CV90", "Marder", "M113", "armoured vehicles"],
    "aircraft": ["F-16", "Mirage 2000", "Gripen", "helicopter", "aircraft spare parts"],
    "drones": ["FPV drones", "interceptor drones", "reconnaissance drones", "long-range drones", "Switchblade"],
    "long_range_strike": ["ATACMS", "Storm Shadow", "SCALP", "HIMARS", "GMLRS rockets", "Taurus"],
    "maritime": ["maritime drones", "patrol boats", "minehunters", "Harpoon"],
    "demining": ["demining machines", "mine detectors", "anti-mine kits"],
    "electronic_warfare": ["EW systems", "jammers", "counter-drone systems"],
    "it_cyber": ["IT equipment", "satellite terminals", "secure radios"],
    "infantry": ["rifles", "body armour", "night-vision goggles", "anti-tank weapons", "machine guns"],
    "training": ["training places", "instructors", "simulators"],
    "industry": ["ammunition production line", "repair workshop", "joint production"],
    "general": ["military equipment", "spare parts", "fuel", "medical kits", "winter gear"],
}
VERBS = {
    voc.KIND_PLEDGE: "announced",
    voc.KIND_DELIVERY: "delivered",
    voc.KIND_CUMULATIVE: "has provided to date",
}
OUTLETS = ["Synthetic Wire", "Load Test Daily", "Example Defence News", "Sample Gazette"]
URL_PREFIX = "https://synthetic.aidtracker.invalid/"
PARSER_VERSION = "synthetic"
NOON = dt.time(12)

# Column order of the rows the generator yields; the loader writes them as is.
PLEDGE_COLUMNS = (
    "id", "donor_id", "recipient_id", "kind", "announced", "amount", "currency",
    "amount_eur", "amount_usd", "rate_missing", "category", "coalition_id", "meeting_id",
    "review_status", "staff_edited", "confidence", "notes", "is_synthetic", "created", "updated",
)
ITEM_COLUMNS = ("pledge_id", "system", "category", "quantity")
EVIDENCE_COLUMNS = ("pledge_id", "article_id", "sentence", "start", "end")
ARTICLE_COLUMNS = (
    "id", "url", "title", "outlet", "published", "text", "sha256", "status", "error",
    "parser_version", "is_synthetic", "created", "updated", "parsed_at",
)


@dataclass
class Batch:
    """Rows for one chunk of pledges, ready for COPY or bulk_create."""

    pledges: list = field(default_factory=list)
    items: list = field(default_factory=list)
    evidence: list = field(default_factory=list)
    articles: list = field(default_factory=list)


def _cumulative(weights):
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def announced_dates():
    """Every day in the synthetic period with its weight (monthly volume / days)."""
    days, weights = [], []
    day = FIRST_DAY
    while day <= LAST_DAY:
        month_weight = YEAR_MONTH_WEIGHT[day.year] * (DECEMBER_FACTOR if day.month == 12 else 1)
        days.append(day)
        weights.append(month_weight / calendar.monthrange(day.year, day.month)[1])
        day += dt.timedelta(days=1)
    return days, _cumulative(weights)


@lru_cache(maxsize=None)
def eur_rate(currency, day):
    """Units of `currency` per euro on `day` (money.ecb_rate: the nearest earlier
    business day), as a float; None when the ECB has none (a currency replaced
    by the euro, say). Cached: a million pledges share a few thousand dates."""
    rate, _ = money.ecb_rate(currency, day)
    return None if rate is None else float(rate)


def _round_reported(value):
    """News reports round: keep three significant figures."""
    if value <= 0:
        return 0.0
    digits = 2 - int(math.floor(math.log10(value)))
    return round(value, digits)


def _money_text(amount, currency):
    if amount >= 1e9:
        return f"{currency} {amount / 1e9:,.2f} billion"
    if amount >= 1e6:
        return f"{currency} {amount / 1e6:,.1f} million"
    return f"{currency} {amount:,.0f}"


def plan_meetings(seed):
    """Meetings as (format, date, location, virtual, participant codes): roughly monthly
    contact-group meetings plus NATO councils, summits and bilateral visits."""
    rng = random.Random(f"meetings-{seed}")
    days, cum = announced_dates()
    locations = ["Ramstein", "Brussels", "Kyiv", "London", "Berlin", "Washington", "Vilnius", "Online"]
    donors = list(DONORS)
    meetings = []
    formats = [("udcg", 55), ("nato_ukraine_council", 15), ("nato_summit", 5), ("bilateral", 15), ("multilateral", 10)]
    format_cum = _cumulative([w for _, w in formats])
    for _ in range(90):
        fmt = formats[bisect.bisect(format_cum, rng.random() * format_cum[-1])][0]
        day = days[bisect.bisect(cum, rng.random() * cum[-1])]
        location = rng.choice(locations)
        size = 2 if fmt == "bilateral" else rng.randint(8, 30)
        participants = sorted(rng.sample(donors, size))
        meetings.append((fmt, day, location, location == "Online", participants))
    meetings.sort(key=lambda m: (m[1], m[0]))
    return meetings


def generate(
    n,
    seed,
    *,
    first_pledge_id,
    first_article_id,
    article_number,
    donor_names,
    meetings,
    coalitions,
    batch_size=50_000,
    created=None,
):
    """Yield Batch objects for `n` pledges.

    donor_names: code -> name of every donor in DONORS.
    meetings: list of (meeting id, date, participant codes).
    coalitions: category -> coalition id (the capability coalitions).
    article_number: first number used in synthetic article URLs and texts, so a
    second run with the same seed adds new articles instead of colliding.
    """
    rng = random.Random(seed)
    rand = rng.random
    lognorm = rng.lognormvariate
    days, day_cum = announced_dates()
    day_total = day_cum[-1]
    donor_codes = list(DONORS)
    donor_cum = _cumulative([DONORS[c][0] for c in donor_codes])
    categories = list(CATEGORY_WEIGHTS)
    category_cum = _cumulative(CATEGORY_WEIGHTS.values())
    kinds = list(KIND_WEIGHTS)
    kind_cum = _cumulative(KIND_WEIGHTS.values())
    reviews = list(REVIEW_WEIGHTS)
    review_cum = _cumulative(REVIEW_WEIGHTS.values())
    item_cum = _cumulative(ITEM_COUNT_WEIGHTS)
    source_cum = _cumulative(EXTRA_SOURCE_WEIGHTS)
    bis = bisect.bisect

    def pick(values, cum):
        return values[bis(cum, rand() * cum[-1])]

    pledge_id = first_pledge_id
    article_id = first_article_id
    number = article_number
    made = 0
    while made < n:
        size = min(batch_size, n - made)
        batch = Batch()
        # Articles of this batch: [id, date, donor, kind, category, [sentences]]
        articles = []
        recent = []
        evidence_refs = []  # (pledge id, article index, sentence index)
        for _ in range(size):
            donor = pick(donor_codes, donor_cum)
            typical_meur, home = DONORS[donor][1:]
            kind = pick(kinds, kind_cum)
            category = pick(categories, category_cum)

            # Where the pledge was read decides its date: announced at a meeting, one
            # more report in a recent article (same day), or a new article.
            meeting_id = first_article = None
            if meetings and rand() < MEETING_SHARE:
                meeting_id, day, _ = meetings[int(rand() * len(meetings))]
            elif recent and rand() >= NEW_ARTICLE_SHARE:
                first_article = recent[int(rand() * len(recent))]
                day = articles[first_article][1]
            else:
                day = days[bis(day_cum, rand() * day_total)]

            amount = amount_eur = amount_usd = None
            currency, rate_missing = "", False
            if rand() >= NO_AMOUNT_SHARE:
                r = rand()
                currency = "USD" if r < USD_REPORTED_SHARE else home
                if currency not in ("EUR", "USD") and r > 0.95:
                    currency = "EUR"
                rate = eur_rate(currency, day)
                if rate is None:  # e.g. Bulgaria reports in euros from 2026
                    currency, rate = "EUR", 1.0
                value_eur = lognorm(math.log(typical_meur * 1e6 * KIND_AMOUNT_FACTOR[kind]), AMOUNT_SIGMA)
                amount = _round_reported(value_eur * rate)
                # Converted exactly as the ingest pipeline converts a parsed amount.
                converted = money.to_eur_usd(amount, currency, day)
                amount_eur, amount_usd = converted.eur, converted.usd
                rate_missing = converted.rate_missing

            item_count = bis(item_cum, rand() * item_cum[-1])
            if amount is None and item_count == 0:
                item_count = 1
            item_texts = []
            for system in rng.sample(SYSTEMS[category], item_count):
                quantity = None if rand() < 0.2 else int(lognorm(2.3, 1.2)) + 1
                batch.items.append((pledge_id, system, category, quantity))
                item_texts.append(f"{quantity} {system}" if quantity else system)

            review = pick(reviews, review_cum)
            coalition_id = coalitions.get(category) if rand() < COALITION_SHARE else None
            confidence = round(0.55 + 0.44 * rand(), 2)
            stamp = created or dt.datetime.combine(day, NOON, tzinfo=dt.timezone.utc)
            batch.pledges.append((
                pledge_id, donor, "UKR", kind, day, amount, currency, amount_eur, amount_usd,
                rate_missing, category, coalition_id, meeting_id, review, False, confidence, "", True,
                stamp, stamp,
            ))

            name = donor_names[donor]
            what = _money_text(amount, currency) if amount is not None else "a package"
            label = voc.CATEGORY_LABELS[category].lower()
            sentence = f"{name} {VERBS[kind]} {what} of {label} aid for Ukraine"
            if item_texts:
                sentence += ", including " + ", ".join(item_texts)
            sentence += "."

            sources = 1 + bis(source_cum, rand() * source_cum[-1])
            used = set()
            for source in range(sources):
                index = first_article if source == 0 else None
                if index is None and source > 0 and rand() < 0.5:
                    index = recent[int(rand() * len(recent))]
                if index is None or index in used:
                    index = len(articles)
                    articles.append([article_id, day, name, kind, category, []])
                    article_id += 1
                    recent.append(index)
                    if len(recent) > RECENT_ARTICLES:
                        recent.pop(0)
                used.add(index)
                sentences = articles[index][5]
                evidence_refs.append((pledge_id, index, len(sentences)))
                sentences.append(sentence)
            pledge_id += 1

        starts = []
        for art_id, day, name, kind, category, sentences in articles:
            title = f"{name}: {VERBS[kind]} {voc.CATEGORY_LABELS[category].lower()} aid"
            footer = f"Synthetic article {number} (seed {seed}) for load tests."
            offsets, pos = [], 0
            for s in sentences:
                offsets.append(pos)
                pos += len(s) + 1
            starts.append(offsets)
            text = " ".join(sentences) + " " + footer
            stamp = created or dt.datetime.combine(day, NOON, tzinfo=dt.timezone.utc)
            batch.articles.append((
                art_id, f"{URL_PREFIX}{seed}/{number}", title, OUTLETS[number % len(OUTLETS)], day,
                text, text_sha256(text), PARSED, "", PARSER_VERSION, True, stamp, stamp, stamp,
            ))
            number += 1
        for pid, index, sentence_index in evidence_refs:
            art = articles[index]
            sentence = art[5][sentence_index]
            start = starts[index][sentence_index]
            batch.evidence.append((pid, art[0], sentence, start, start + len(sentence)))
        made += size
        yield batch


# Loading -------------------------------------------------------------------------

def _reserve_ids(cursor, model, count):
    """First id of `count` consecutive ids nobody else will take."""
    table = model._meta.db_table
    if cursor.db.vendor == "postgresql":
        # The lock keeps other inserts from drawing ids between nextval and setval.
        cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        sequence = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(%s)", [sequence])
        first = cursor.fetchone()[0]
        cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
        return first
    cursor.execute(f"SELECT MAX(id) FROM {table}")
    return (cursor.fetchone()[0] or 0) + 1


def _copy(cursor, model, columns, rows):
    quote = cursor.db.ops.quote_name
    sql = "COPY {} ({}) FROM STDIN".format(
        model._meta.db_table, ", ".join(quote(c) for c in columns)
    )
    with cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _bulk_create(model, columns, rows, batch_size=5000):
    model.objects.bulk_create(
        (model(**dict(zip(columns, row))) for row in rows), batch_size=batch_size
    )


def _create_meetings(seed):
    from .models import Country, Meeting

    known = set(Country.objects.values_list("code", flat=True))
    planned = plan_meetings(seed)
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(format=fmt, date=day, location=location, virtual=virtual, is_synthetic=True)
            for fmt, day, location, virtual, _ in planned
        ]
    )
    Through = Meeting.participants.through
    Through.objects.bulk_create(
        [
            Through(meeting_id=m.pk, country_id=code)
            for m, (*_, participants) in zip(meetings, planned)
            for code in participants
            if code in known
        ]
    )
    return [(m.pk, m.date, participants) for m, (*_, participants) in zip(meetings, planned)]


def seed(n, seed=0, *, batch_size=50_000, use_copy=None, progress=None):
    """Add `n` synthetic pledges with their items, evidence, articles and meetings.

    COPY on PostgreSQL (unless use_copy=False), batched bulk_create elsewhere.
    Each batch commits on its own; `delete()` removes everything a run added.
    Returns the counts of rows added.
    """
    from django.db import connection, transaction

    from ingest.models import Article

    from . import catalogue
    from .models import Coalition, Country, Evidence, Pledge, PledgeItem, WeaponSystem

    if use_copy is None:
        use_copy = connection.vendor == "postgresql"
    donor_names = dict(Country.objects.filter(code__in=list(DONORS)).values_list("code", "name"))
    missing = set(DONORS) - set(donor_names)
    if missing:
        raise RuntimeError(f"reference countries missing (run load_reference): {sorted(missing)}")
    coalitions = {}
    for pk, area in Coalition.objects.order_by("name").values_list("pk", "area"):
        coalitions.setdefault(area, pk)

    counts = {"pledges": 0, "items": 0, "evidence": 0, "articles": 0, "meetings": 0}
    with transaction.atomic():
        meetings = _create_meetings(seed)
        counts["meetings"] = len(meetings)
        with connection.cursor() as cursor:
            first_pledge = _reserve_ids(cursor, Pledge, n)
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Articles per pledge stay below 3 by construction; reserve generously.
            first_article = _reserve_ids(cursor, Article, 3 * n)
    article_number = Article.objects.filter(is_synthetic=True).count()

    batches = generate(
        n, seed,
        first_pledge_id=first_pledge, first_article_id=first_article,
        article_number=article_number, donor_names=donor_names, meetings=meetings,
        coalitions=coalitions, batch_size=batch_size,
        created=None,
    )
    tables = [
        (Article, ARTICLE_COLUMNS, "articles"),
        (Pledge, PLEDGE_COLUMNS, "pledges"),
        (PledgeItem, ITEM_COLUMNS + ("weapon_system_id",), "items"),
        (Evidence, EVIDENCE_COLUMNS, "evidence"),
    ]
    # the items name a few dozen systems: link each name once, not each of a million items
    matcher = catalogue.Matcher.from_database(WeaponSystem)
    system_of = {name: matcher.match(name) for names in SYSTEMS.values() for name in names}
    for batch in batches:
        batch.items = [(*row, system_of.get(row[1])) for row in batch.items]
        with transaction.atomic():
            with connection.cursor() as cursor:
                for model, columns, name in tables:
                    rows = getattr(batch, name)
                    if use_copy:
                        _copy(cursor, model, columns, rows)
                    else:
                        _bulk_create(model, columns, rows)
                    counts[name] += len(rows)
        if progress:
            progress(counts)
    tidy([model._meta.db_table for model, *_ in tables] + SUMMARY_TABLES)
    return counts


# Kept by triggers (migration 0004): every load or delete rewrites their rows.
SUMMARY_TABLES = ["pledges_summary", "pledges_summary_month", "pledges_article_live",
                  "pledges_system_summary", "pledges_system_summary_month"]


def tidy(tables):
    """After a bulk load or delete on PostgreSQL: VACUUM ANALYZE, as autovacuum would
    some minutes later, so the planner has statistics and no dead rows slow the
    first queries. Inside a transaction (tests) VACUUM cannot run: ANALYZE only."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE tablename = ANY(%s)", [tables])
        for (table,) in cursor.fetchall():
            cursor.execute(f"{command} {table}")


def _purge(cursor, model, where):
    """Delete the rows of `model` matching `where` (SQL on its own table), with what
    the foreign keys say: cascade, set null, or clear many-to-many links."""
    from django.db import models

    table = model._meta.db_table
    pk = model._meta.pk.column
    selected = f"SELECT {pk} FROM {table} WHERE {where}"
    for relation in model._meta.related_objects:
        related = relation.related_model
        if relation.many_to_many:
            through = relation.through
            column = relation.field.m2m_reverse_field_name()
            column = through._meta.get_field(column).column
            cursor.execute(f"DELETE FROM {through._meta.db_table} WHERE {column} IN ({selected})")
        elif relation.on_delete is models.CASCADE:
            _purge(cursor, related, f"{relation.field.column} IN ({selected})")
        elif relation.on_delete is models.SET_NULL:
            cursor.execute(
                f"UPDATE {related._meta.db_table} SET {relation.field.column} = NULL "
                f"WHERE {relation.field.column} IN ({selected})"
            )
    for m2m in model._meta.many_to_many:
        through = m2m.remote_field.through
        column = through._meta.get_field(m2m.m2m_field_name()).column
        cursor.execute(f"DELETE FROM {through._meta.db_table} WHERE {column} IN ({selected})")
    cursor.execute(f"DELETE FROM {table} WHERE {where}")
    return cursor.rowcount


def delete():
    """Remove every synthetic row (pledges with their items and evidence, articles,
    meetings) in one transaction, in SQL: the ORM's cascade would load them all."""
    from django.db import connection, transaction

    from ingest.models import Article

    from .models import Evidence, Meeting, Pledge, PledgeItem

    counts = {}
    with transaction.atomic(), connection.cursor() as cursor:
        for model, name in ((Pledge, "pledges"), (Article, "articles"), (Meeting, "meetings")):
            counts[name] = _purge(cursor, model, "is_synthetic")
    tidy([m._meta.db_table for m in (Pledge, PledgeItem, Evidence, Article)] + SUMMARY_TABLES)
    return counts
