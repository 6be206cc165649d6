"""Conversion at the ECB reference rate of the announced date, never guessed."""

from datetime import date
from decimal import Decimal

from pledges import money


def test_eur_is_itself_and_usd_uses_the_rate_of_the_day():
    eur = money.to_eur_usd(Decimal("1000"), "EUR", date(2023, 11, 22))
    usd_per_eur, _ = money.ecb_rate("USD", date(2023, 11, 22))
    assert eur.eur == Decimal("1000.00") and not eur.rate_missing
    assert eur.usd == (Decimal("1000") * usd_per_eur).quantize(Decimal("0.01"))
    usd = money.to_eur_usd(Decimal("1400000000"), "USD", date(2023, 11, 22))
    assert usd.usd == Decimal("1400000000.00")
    assert usd.eur == (Decimal("1400000000") / usd_per_eur).quantize(Decimal("0.01"))


def test_weekend_and_holiday_take_the_nearest_earlier_business_day():
    saturday = money.to_eur_usd(100, "GBP", date(2023, 11, 25))
    friday = money.to_eur_usd(100, "GBP", date(2023, 11, 24))
    assert saturday == friday and saturday.rate_date == date(2023, 11, 24)
    # Easter Monday 2024-04-01 and Good Friday have no fixing: Thursday's rate.
    assert money.to_eur_usd(100, "NOK", date(2024, 4, 1)).rate_date == date(2024, 3, 28)


def test_unknown_currency_or_date_is_flagged_not_guessed():
    for amount, currency, on in [
        (100, "UAH", date(2024, 1, 10)),  # no ECB rate for the hryvnia
        (100, "USD", None),  # no date, no rate
        (100, "USD", date(1990, 1, 1)),  # before the ECB history
        (100, "USD", date.today().replace(year=date.today().year + 5)),  # after the bundled history
        (100, "RUB", date(2024, 1, 10)),  # ECB stopped quoting the rouble in 2022
    ]:
        converted = money.to_eur_usd(amount, currency, on)
        assert converted.rate_missing and converted.eur is None and converted.usd is None, currency


def test_no_amount_needs_no_rate():
    assert money.to_eur_usd(None, "", date(2024, 1, 10)) == money.Converted(None, None, rate_missing=False)


def test_converter_is_loaded_once():
    assert money.converter() is money.converter()


def test_convert_pledge_amounts_sets_the_three_fields():
    from pledges.models import Pledge

    pledge = Pledge(donor_id="NOR", amount=Decimal("1000000"), currency="NOK", announced=date(2024, 2, 1))
    money.convert_pledge_amounts(pledge)
    nok_per_eur, _ = money.ecb_rate("NOK", date(2024, 2, 1))
    assert pledge.amount_eur == (Decimal("1000000") / nok_per_eur).quantize(Decimal("0.01"))
    assert pledge.amount_usd is not None and not pledge.rate_missing
    pledge.currency = "XYZ"
    money.convert_pledge_amounts(pledge)
    assert pledge.rate_missing and pledge.amount_eur is None and pledge.amount_usd is None


def test_euro_amounts_on_a_weekend_or_holiday_use_the_previous_fixing():
    # 2023-11-25 is a Saturday; 2024-04-01 is Easter Monday (no ECB fixing).
    saturday = money.to_eur_usd(Decimal("1000"), "EUR", date(2023, 11, 25))
    assert not saturday.rate_missing
    assert saturday.eur == Decimal("1000.00")
    assert saturday.rate_date == date(2023, 11, 24)
    usd_per_eur, _ = money.ecb_rate("USD", date(2023, 11, 24))
    assert saturday.usd == (Decimal("1000") * usd_per_eur).quantize(Decimal("0.01"))
    easter = money.to_eur_usd(Decimal("5"), "EUR", date(2024, 4, 1))
    assert not easter.rate_missing and easter.rate_date == date(2024, 3, 28)
