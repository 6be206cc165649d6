"""Small builders for countries, articles, pledges and their evidence.

Countries come from the reference data migration, so donors are given by code.
Every builder saves and returns the row; unspecified fields get plain defaults.
"""

import datetime
from decimal import Decimal
from itertools import count


from ingest.models import Article
from pledges import vocabulary as voc
from pledges.models import Coalition, Country, Evidence, Meeting, Pledge, PledgeItem

_serial = count(1)


def country(code):
    return Country.objects.get(code=code)


def article(text=None, *, url="", title="", outlet="Test Wire", published=None, **fields):
    n = next(_serial)
    return Article.objects.create(
        text=text if text is not None else f"Test article number {n}.",
        url=url or f"https://news.example.org/article-{n}",
        title=title or f"Test article {n}",
        outlet=outlet,
        published=published or datetime.date(2024, 1, 1),
        status=fields.pop("status", "parsed"),
        **fields,
    )


def coalition(name, *, area="general", leaders=(), members=()):
    made, _ = Coalition.objects.get_or_create(name=name, defaults={"area": area})
    made.leaders.add(*leaders)
    made.members.add(*members)
    return made


def meeting(format="udcg", number=None, date=None, *, participants=(), **fields):
    made = Meeting.objects.create(format=format, number=number, date=date, **fields)
    made.participants.add(*participants)
    return made


def _decimal(value):
    return None if value is None else Decimal(str(value))


def pledge(
    donor="DEU",
    *,
    kind=voc.KIND_PLEDGE,
    amount=None,
    currency="",
    amount_eur=None,
    amount_usd=None,
    category="general",
    announced=datetime.date(2024, 1, 15),
    items=(),
    evidence=(),
    **fields,
):
    """A pledge; items are names or (name, quantity); evidence are articles or (article, sentence[, start, end])."""
    amount, amount_eur, amount_usd = _decimal(amount), _decimal(amount_eur), _decimal(amount_usd)
    if currency == "EUR" and amount_eur is None:
        amount_eur = amount
    if currency == "USD" and amount_usd is None:
        amount_usd = amount
    made = Pledge.objects.create(
        donor_id=donor,
        kind=kind,
        amount=amount,
        currency=currency,
        amount_eur=amount_eur,
        amount_usd=amount_usd,
        category=category,
        announced=announced,
        **fields,
    )
    for item in items:
        name, quantity = (item, None) if isinstance(item, str) else item
        PledgeItem.objects.create(pledge=made, system=name, quantity=quantity, category=category)
    for source in evidence:
        source = source if isinstance(source, tuple) else (source,)
        source_article, sentence, start, end = (*source, None, None, None)[:4]
        Evidence.objects.create(
            pledge=made,
            article=source_article,
            sentence=sentence or f"{donor} announced aid.",
            start=start,
            end=end,
        )
    return made


def known_set():
    """A fixture with hand-computable totals (amounts in millions, see tests).

    EUR: pledged 100 (DEU) + 270 (USA) + 58 (GBR) + 17 (NOR) = 445, FRA unvalued;
    delivered 40 (DEU); NLD's 2,000 is a running total; POL's pledge is rejected.
    USD: pledged 110 + 300 + 63 + 18.5 = 491.5; delivered 44.
    """
    m = Decimal(1_000_000)
    drone = coalition("Drone Coalition", area="drones", leaders=[country("GBR")], members=[country("NOR")])
    udcg = meeting("udcg", 20, datetime.date(2024, 3, 15), participants=[country("GBR"), country("DEU")])
    a1 = article("Germany pledged EUR 100 million for IRIS-T air defence.", published=datetime.date(2024, 1, 10))
    a2 = article("The US announced $300 million of artillery ammunition.", published=datetime.date(2024, 1, 20))
    a3 = article("Britain and Norway pledged drones and boats.", published=datetime.date(2024, 3, 15))
    rows = {
        "deu": pledge("DEU", amount=100 * m, currency="EUR", amount_usd=110 * m, category="air_defense",
                      announced=datetime.date(2024, 1, 10), items=[("Patriot", 2), "IRIS-T"],
                      evidence=[(a1, "Germany pledged EUR 100 million for IRIS-T air defence.", 0, 56)]),
        "deu_delivery": pledge("DEU", kind=voc.KIND_DELIVERY, amount=40 * m, currency="EUR", amount_usd=44 * m,
                               category="air_defense", announced=datetime.date(2024, 2, 5), items=["IRIS-T"],
                               evidence=[a1]),
        "usa": pledge("USA", amount=300 * m, currency="USD", amount_eur=270 * m, category="artillery",
                      announced=datetime.date(2024, 1, 20), items=[("155mm ammunition", 10000)],
                      evidence=[(a2, "The US announced $300 million of artillery ammunition.")]),
        "fra": pledge("FRA", category="armor", announced=datetime.date(2024, 3, 1), items=[("Caesar", 6)],
                      evidence=[a3]),
        "gbr": pledge("GBR", amount=50 * m, currency="GBP", amount_eur=58 * m, amount_usd=63 * m,
                      category="drones", announced=datetime.date(2024, 3, 15), coalition=drone, meeting=udcg,
                      evidence=[(a3, "Britain and Norway pledged drones and boats.")]),
        "nor": pledge("NOR", amount=200 * m, currency="NOK", amount_eur=17 * m, amount_usd=Decimal("18.5") * m,
                      category="maritime", announced=datetime.date(2024, 2, 10), coalition=drone,
                      items=["maritime drones"], evidence=[a3]),
        "nld": pledge("NLD", kind=voc.KIND_CUMULATIVE, amount=2000 * m, currency="EUR", amount_usd=2200 * m,
                      category="general", announced=datetime.date(2024, 3, 20)),
        "pol": pledge("POL", amount=10 * m, currency="EUR", amount_usd=11 * m, category="infantry",
                      announced=datetime.date(2024, 2, 1), review_status=voc.REVIEW_REJECTED),
    }
    rows.update(coalition=drone, meeting=udcg, articles=[a1, a2, a3])
    return rows
