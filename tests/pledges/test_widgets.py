"""The filter form's selects, written out in Python, give Django's own markup."""

import pytest
from django import forms
from django.http import QueryDict

from pledges import widgets
from pledges.filters import PledgeFilter
from pledges.models import Pledge
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["", "donor=DEU&donor=FRA&category=air_defense&kind=pledge&currency=usd",
                                   "coalition=no-such&meeting=abc&review_status=any&synthetic=only"])
def test_every_select_of_the_filter_form_reads_as_djangos_templates_write_it(query, monkeypatch):
    factories.known_set()
    form = PledgeFilter(QueryDict(query), queryset=Pledge.objects.all()).form
    selects = [bound for bound in form if isinstance(bound.field.widget, forms.Select)]
    assert len(selects) >= 10 and all(isinstance(b.field.widget, widgets._WrittenOut) for b in selects)
    ours = [str(bound) for bound in selects]  # with the form's errors' aria attributes too
    monkeypatch.delattr(widgets._WrittenOut, "render")  # Django's template rendering again
    assert ours == [str(bound) for bound in selects]


def test_labels_and_values_are_escaped_and_groups_kept():
    choices = [("a\"<b>", "Tom & <Jerry>"), ("Group <1>", [("x", "X"), ("y", "Y")])]
    for kind in (widgets.Select, widgets.SelectMultiple):
        widget = kind(choices=choices, attrs={"data-x": 'q"uote', "required": True, "hidden": False})
        ours = widget.render("name<", ["y"] if kind is widgets.SelectMultiple else "y", {"id": "id_name"})
        assert ours == super(widgets._WrittenOut, widget).render("name<", ["y"] if kind is widgets.SelectMultiple else "y",
                                                                  {"id": "id_name"})
        assert "Tom &amp; &lt;Jerry&gt;" in ours and "<b>" not in ours and 'selected>Y</option>' in ours
