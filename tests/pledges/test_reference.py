import pycountry
import pytest
from django.core.management import call_command

from pledges.models import Coalition, Country
from pledges import vocabulary as voc


def _resolve(name):
    """Every Country whose name or alias is `name` (case-insensitive)."""
    lowered = name.lower()
    return {c.code for c in Country.objects.all() if lowered in {a.lower() for a in c.aliases + [c.name]}}


@pytest.mark.django_db
def test_every_iso_country_plus_eu_and_nato():
    codes = set(Country.objects.values_list("code", flat=True))
    assert {c.alpha_3 for c in pycountry.countries} <= codes
    assert {"EU", "NATO"} <= codes
    assert Country.objects.get(code="EU").kind == "organisation"
    assert Country.objects.get(code="NATO").kind == "organisation"
    assert Country.objects.count() == len(pycountry.countries) + 2


@pytest.mark.django_db
def test_demonyms_and_other_names_resolve():
    assert _resolve("German") == {"DEU"}
    assert _resolve("Britain") == {"GBR"}
    assert _resolve("UK") == {"GBR"}
    assert _resolve("Dutch") == {"NLD"}
    assert _resolve("the Netherlands") == {"NLD"}


@pytest.mark.django_db
def test_memberships():
    deu = Country.objects.get(code="DEU")
    assert deu.is_eu and deu.is_nato
    nor = Country.objects.get(code="NOR")
    assert nor.is_nato and not nor.is_eu
    aut = Country.objects.get(code="AUT")
    assert aut.is_eu and not aut.is_nato
    assert Country.objects.filter(is_eu=True).count() == 27
    assert Country.objects.filter(is_nato=True).count() == 32


@pytest.mark.django_db
def test_capability_coalitions_are_seeded_with_their_area():
    assert Coalition.objects.get(name="IT Coalition").area == "it_cyber"
    assert set(Coalition.objects.values_list("name", flat=True)) == set(voc.COALITIONS)


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    def snapshot():
        return (
            list(Country.objects.order_by("code").values()),
            list(Coalition.objects.order_by("name").values()),
        )

    before = snapshot()
    call_command("load_reference", verbosity=0)
    call_command("load_reference", verbosity=0)
    assert snapshot() == before


@pytest.mark.django_db
def test_loading_restores_a_damaged_row():
    Country.objects.filter(code="DEU").update(name="Wrong", is_nato=False)
    call_command("load_reference", verbosity=0)
    deu = Country.objects.get(code="DEU")
    assert deu.name == "Germany" and deu.is_nato


@pytest.mark.django_db
def test_capability_coalitions_ship_their_publicly_stated_leaders(client):
    from pledges import reference
    from pledges.models import Coalition

    drone = Coalition.objects.get(name="Drone Coalition")
    assert set(drone.leaders.values_list("code", flat=True)) == {"GBR", "LVA"} and drone.leaders_stated
    led = Coalition.objects.filter(leaders__isnull=False).distinct().count()
    assert led >= 7
    page = client.get(drone.get_absolute_url()).content.decode()
    assert "Latvia" in page and "As publicly stated on" in page
    # the parser's additions stay; staff edits are left alone
    drone.leaders.add("EST")
    maritime = Coalition.objects.get(name="Maritime Capability Coalition")
    maritime.leaders.clear()
    maritime.staff_edited = True
    maritime.save()
    reference.load_leaders(Coalition)
    assert "EST" in drone.leaders.values_list("code", flat=True)
    assert not maritime.leaders.exists()
