"""Amounts in EUR and USD at the ECB reference rate of a date.

Rates come from currencyconverter's bundled ECB history. A rate is taken from
the announced date or the nearest earlier business day (weekends and TARGET
holidays have no fixing). When the currency or the date is not covered, the
amount is not converted: the caller flags the pledge instead of guessing.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

# Longest run of days without an ECB fixing (Easter: Friday to Monday, plus a
# weekend on either side); a gap longer than this means the date is outside
# the bundled history, not a holiday.
MAX_LOOKBACK_DAYS = 7
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Converted:
    eur: Decimal | None
    usd: Decimal | None
    rate_missing: bool
    rate_date: date | None = None  # the business day whose rates were used


@lru_cache(maxsize=1)
def converter():
    """The ECB history, loaded once per process (parsing it takes ~0.5 s)."""
    from currency_converter import CurrencyConverter

    # No interpolation, no fallback to other dates: a missing rate stays missing.
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def ecb_rate(currency, on):
    """Units of `currency` per euro on `on` or the nearest earlier business day.

    Returns (rate, rate_date) or (None, None) when no fixing is known. The
    business day is found from the currency's own fixings; for the euro, from
    the dollar's (the euro has no fixing of its own, it is the base).
    """
    conv = converter()
    probe = "USD" if currency == "EUR" else currency
    if probe not in conv.currencies:
        return None, None
    for back in range(MAX_LOOKBACK_DAYS + 1):
        day = on - timedelta(days=back)
        try:
            rate = conv.convert(1, "EUR", probe, date=day)
        except Exception:  # RateNotFoundError: no fixing that day
            continue
        return (Decimal(1) if currency == "EUR" else Decimal(str(rate))), day
    return None, None


def to_eur_usd(amount, currency, on):
    """Convert `amount` of `currency` announced `on` to EUR and USD."""
    if amount is None:
        return Converted(None, None, rate_missing=False)
    currency = (currency or "").upper()
    if not currency or on is None:
        return Converted(None, None, rate_missing=True)
    amount = Decimal(str(amount))
    rate, rate_date = ecb_rate(currency, on)
    usd_rate, usd_date = ecb_rate("USD", rate_date) if rate is not None else (None, None)
    if rate is None or usd_rate is None or usd_date != rate_date:
        return Converted(None, None, rate_missing=True)
    eur = amount / rate
    return Converted(
        eur=eur.quantize(CENT),
        usd=(eur * usd_rate).quantize(CENT),
        rate_missing=False,
        rate_date=rate_date,
    )


def convert_pledge_amounts(pledge):
    """Set a pledge's amount_eur, amount_usd and rate_missing from its amount,
    currency and announced date (the pledge is not saved)."""
    converted = to_eur_usd(pledge.amount, pledge.currency, pledge.announced)
    pledge.amount_eur = converted.eur
    pledge.amount_usd = converted.usd
    pledge.rate_missing = converted.rate_missing
    return converted
