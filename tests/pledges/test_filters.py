"""PledgeFilter: each filter on a known fixture, text search without duplicates."""


import pytest
from django.http import QueryDict

from pledges import vocabulary as voc
from pledges.filters import PledgeFilter
from pledges.models import Pledge
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(db):
    return factories.known_set()


def ids(query):
    return set(PledgeFilter(QueryDict(query), queryset=Pledge.objects.all()).qs.values_list("pk", flat=True))


def pks(known, *names):
    return {known[n].pk for n in names}


ALL_BUT_REJECTED = ("deu", "deu_delivery", "usa", "fra", "gbr", "nor", "nld")


def test_no_filter_leaves_out_rejected(known):
    assert ids("") == pks(known, *ALL_BUT_REJECTED)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("donor=DEU", ("deu", "deu_delivery")),
        ("donor=DEU&donor=USA", ("deu", "deu_delivery", "usa")),
        ("donor_group=eu", ("deu", "deu_delivery", "fra", "nld")),
        ("donor_group=nato", ("deu", "deu_delivery", "usa", "fra", "gbr", "nor", "nld")),
        ("category=air_defense&category=maritime", ("deu", "deu_delivery", "nor")),
        ("kind=delivery", ("deu_delivery",)),
        ("kind=cumulative", ("nld",)),
        ("announced_after=2024-02-01&announced_before=2024-03-01", ("deu_delivery", "nor", "fra")),
        ("coalition=drone-coalition", ("gbr", "nor")),
        ("amount_eur_min=50000000&amount_eur_max=300000000", ("deu", "usa", "gbr")),
        ("review_status=rejected", ("pol",)),
        ("review_status=any", ALL_BUT_REJECTED + ("pol",)),
        ("review_status=auto", ALL_BUT_REJECTED),
        ("q=iris-t", ("deu", "deu_delivery")),
        ("q=ammunition", ("usa",)),
        ("q=Caesar", ("fra",)),
        ("donor_group=eu&kind=pledge&category=armor", ("fra",)),
    ],
)
def test_each_filter(known, query, expected):
    assert ids(query) == pks(known, *expected)


def test_meeting_filter(known):
    assert ids(f"meeting={known['meeting'].pk}") == pks(known, "gbr")


def test_currency_changes_nothing_but_the_display(known):
    filterset = PledgeFilter(QueryDict("currency=usd"), queryset=Pledge.objects.all())
    assert filterset.display_currency == "usd"
    assert ids("currency=usd") == ids("")
    assert PledgeFilter(QueryDict(""), queryset=Pledge.objects.all()).display_currency == "eur"


def test_text_search_matches_once_per_pledge():
    article = factories.article("IRIS-T and more IRIS-T.")
    pledge = factories.pledge(
        "DEU",
        items=["IRIS-T SLM", "IRIS-T SLS"],
        evidence=[(article, "Germany sends IRIS-T."), (factories.article(), "More IRIS-T launchers.")],
    )
    rows = list(PledgeFilter(QueryDict("q=iris"), queryset=Pledge.objects.all()).qs)
    assert rows == [pledge]


def test_text_search_reads_evidence_sentences(known):
    assert ids("q=Britain and Norway") == pks(known, "gbr")
    assert ids("q=  ") == ids("")


def test_invalid_values_are_reported_and_ignored(known):
    filterset = PledgeFilter(QueryDict("kind=bogus&donor=DEU"), queryset=Pledge.objects.all())
    assert "kind" in filterset.errors
    assert set(filterset.qs.values_list("pk", flat=True)) == pks(known, "deu", "deu_delivery")


def test_active_filters_and_culprit(known):
    filterset = PledgeFilter(QueryDict("category=maritime&kind=delivery&currency=usd"), queryset=Pledge.objects.all())
    assert [name for name, _label, _shown in filterset.active_filters()] == ["category", "kind"]
    assert filterset.culprit() == ("Kind", "Delivery")
    assert not filterset.qs.exists()


def test_culprit_none_when_rows_remain(known):
    filterset = PledgeFilter(QueryDict("donor=DEU"), queryset=Pledge.objects.all())
    assert filterset.culprit() is None


def test_date_range_shown_in_active_filters(known):
    filterset = PledgeFilter(QueryDict("announced_after=2030-01-01"), queryset=Pledge.objects.all())
    assert filterset.active_filters() == [("announced", "Announced (from / to)", "2030-01-01 – …")]
    assert filterset.culprit() == ("Announced (from / to)", "2030-01-01 – …")


def test_kind_vocabulary_is_the_one_source():
    field = PledgeFilter().form.fields["kind"]
    assert [value for value, _ in field.choices if value] == voc.KIND_VALUES


def test_culprit_for_text_search_and_group(known):
    filterset = PledgeFilter(QueryDict("donor_group=eu&q=no-such-system"), queryset=Pledge.objects.all())
    assert filterset.culprit() == ("Search evidence and items", "no-such-system")
    filterset = PledgeFilter(QueryDict("donor=USA&donor_group=eu"), queryset=Pledge.objects.all())
    assert filterset.culprit() == ("Donor group", "EU members")


def test_donor_choices_are_donors_with_pledges_plus_eu_and_nato_by_name(client, known, django_assert_max_num_queries):
    """QA minor 9: the filter offered all 251 ISO entries (Antarctica, Bouvet Island...)."""
    form = PledgeFilter(QueryDict(""), queryset=Pledge.objects.all()).form
    with django_assert_max_num_queries(1):
        choices = [(str(value), label) for value, label in form.fields["donor"].choices]
    codes = [code for code, _ in choices]
    assert sorted(codes) == sorted(["DEU", "USA", "FRA", "GBR", "NOR", "NLD", "POL", "EU", "NATO"])
    labels = [label for _, label in choices]
    assert labels == sorted(labels)
    assert "ATA" not in codes
    page = client.get("/pledges/").content.decode()
    assert 'value="DEU"' in page and 'value="ATA"' not in page and "Antarctica" not in page


def test_each_active_filter_can_be_removed_alone(client, known):
    """QA minor 15: chips could not be removed one by one."""
    query = "donor=DEU&donor=USA&announced_after=2024-01-01&announced_before=2024-12-31&kind=pledge&sort=donor&page=2"
    filterset = PledgeFilter(QueryDict(query), queryset=Pledge.objects.all())
    chips = {label: without for label, _shown, without in filterset.chips()}
    assert chips == {
        "Donor": "?announced_after=2024-01-01&announced_before=2024-12-31&kind=pledge&sort=donor",
        "Kind": "?donor=DEU&donor=USA&announced_after=2024-01-01&announced_before=2024-12-31&sort=donor",
        "Announced (from / to)": "?donor=DEU&donor=USA&kind=pledge&sort=donor",
    }
    page = client.get("/pledges/?kind=pledge").content.decode()
    assert '<a class="remove" href="?" title="Remove this filter" aria-label="Remove filter Kind">×</a>' in page


def test_every_real_country_is_a_valid_donor_filter_and_an_empty_result_is_the_empty_state(client):
    from pledges.models import Country

    assert not Country.objects.get(code="UKR").pledges.exists()
    response = client.get("/pledges/?donor=UKR")
    assert response.status_code == 200
    assert response.context["page"].rows == []
    assert "No pledges match these filters." in response.content.decode()
    assert client.get("/pledges/?donor=XXX").status_code == 400


def test_with_synthetic_data_left_out_the_donor_list_offers_real_donors_only(client):
    a = factories.article()
    factories.pledge("DEU", evidence=[a])
    factories.pledge("BRA", evidence=[a], is_synthetic=True)
    offered = lambda query: [c for c, _ in client.get("/pledges/" + query).context["filter"].form.fields["donor"].choices]  # noqa: E731
    assert "BRA" in [str(v) for v in offered("")]
    real = [str(v) for v in offered("?synthetic=exclude")]
    assert "DEU" in real and "BRA" not in real


def test_a_text_search_read_as_ids_or_as_a_subquery_keeps_the_same_records(client, known, monkeypatch, settings):
    """The ids of a search are read once and handed on as an array; a word found in very
    many records stays a subquery. Pages, counts and the CSV are the same either way."""
    from pledges import filters

    settings.PAGE_CACHE_SECONDS = 0  # each page computed, both ways

    def seen(query):
        return (ids(query), client.get(f"/?{query}").context["headline"],
                b"".join(client.get(f"/pledges/export.csv?{query}").streaming_content))

    for query in ("q=iris", "q=Britain and Norway", "q=iris&donor=DEU&sort=-amount", "q=no-such-word"):
        as_ids = seen(query)
        monkeypatch.setattr(filters, "IDS_INLINE_MAX", 0)
        assert seen(query) == as_ids, query
        monkeypatch.undo()
    assert ids("q=iris") == pks(known, "deu", "deu_delivery")
