"""The analyst views on real news: the seeds and ../shared/corpus ingested together."""

import csv
import io

import pytest

from ingest import intake
from ingest.tasks import parse_and_write
from tests.parser.scoring import CORPUS, SEEDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_news(db):
    paths = sorted(SEEDS.glob("*.txt")) + sorted((CORPUS / "articles").glob("*.txt"))
    assert len(paths) >= 37, "../shared (seeds and corpus) is needed"
    for path in paths:
        article, _ = intake.store_file(path)
        parse_and_write(article.pk)


def test_systems_lists_iris_t_pledged_and_delivered(client, real_news):
    rows = {row.system.name: row for row in client.get("/systems/").context["rows"]}
    iris = [row for name, row in rows.items() if name.startswith("IRIS-T")]
    assert sum(r.pledged for r in iris) > 0 and sum(r.delivered for r in iris) > 0
    assert any(d.donor.code == "DEU" for r in iris for d in r.donors)


def test_api_for_germany_is_the_csv_for_germany(client, real_news):
    api_ids, url = [], "/api/pledges/?donor=DEU"
    while url:
        page = client.get(url).json()
        api_ids += [row["id"] for row in page["results"]]
        url = page["next"]
    text = b"".join(client.get("/pledges/export.csv?donor=DEU").streaming_content).decode("utf-8-sig")
    assert api_ids and api_ids == [int(row["id"]) for row in csv.DictReader(io.StringIO(text))]


def test_the_dashboard_map_renders_the_real_donors(client, real_news):
    response = client.get("/")
    world = next(c for c in response.context["charts"] if c.key == "map")
    assert {"DEU", "USA"} <= set(world.figure.data[0].locations)
    assert 'id="chart-map"' in response.content.decode()
