"""Every date of a survey or meeting lies in 2000-2100 (issue: a year-1 date broke every page)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from core.constants import Role
from participatie.models import Bijeenkomst
from participatie.tests.factories import BijeenkomstFactory, VragenlijstFactory
from wup.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db

MESSAGE = "Vul een datum in tussen 1 januari 2000 en 31 december 2100."


@pytest.mark.parametrize("value", ["0001-01-01T00:00", "1999-12-31T23:59", "2101-01-01T00:00"])
def test_a_meeting_outside_the_range_is_refused_at_the_field_and_the_pages_keep_working(client_for, value):
    plan = PlanFactory()
    client = client_for(Role.AMBTENAAR)
    data = {"soort": "informatieavond", "titel": "Avond", "datum": value, "plaats": "Buurthuis"}
    response = client.post(reverse("participatie:bijeenkomst_create", args=[plan.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert MESSAGE in html
    assert f'value="{value}"' in html  # what the user typed stays
    assert not Bijeenkomst.objects.exists()
    assert client.get(reverse("participatie:vragenlijst_list", args=[plan.pk])).status_code == 200


def test_a_meeting_edit_outside_the_range_changes_nothing(client_for):
    bijeenkomst = BijeenkomstFactory()
    before = bijeenkomst.datum
    data = {"soort": bijeenkomst.soort, "titel": "x", "datum": "0001-01-01T00:00", "plaats": "Buurthuis"}
    response = client_for(Role.AMBTENAAR).post(reverse("participatie:bijeenkomst_update", args=[bijeenkomst.pk]), data)
    assert MESSAGE in response.content.decode()
    bijeenkomst.refresh_from_db()
    assert (bijeenkomst.datum, bijeenkomst.titel) == (before, bijeenkomst.titel)


@pytest.mark.parametrize("field", ["opent_op", "sluit_op"])
def test_a_survey_opening_or_closing_in_year_1_is_refused(client_for, field):
    vragenlijst = VragenlijstFactory()
    data = {"titel": vragenlijst.titel, "intro": "", "privacytekst": "", "toegang": vragenlijst.toegang}
    data[field] = "0001-01-01T00:00"
    response = client_for(Role.AMBTENAAR).post(reverse("participatie:vragenlijst_detail", args=[vragenlijst.pk]), data)
    assert MESSAGE in response.content.decode()
    vragenlijst.refresh_from_db()
    assert getattr(vragenlijst, field) is None
    assert (
        client_for(Role.AMBTENAAR).get(reverse("participatie:vragenlijst_list", args=[vragenlijst.plan_id])).status_code
        == 200
    )


@pytest.mark.parametrize(
    ("table", "column", "pk_of"),
    [
        ("participatie_bijeenkomst", "datum", lambda: BijeenkomstFactory().pk),
        ("participatie_vragenlijst", "opent_op", lambda: VragenlijstFactory().pk),
    ],
)
def test_the_database_refuses_a_year_1_date_written_around_the_application(table, column, pk_of):
    pk = pk_of()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [dt.datetime(1, 1, 2, tzinfo=dt.UTC), pk])  # noqa: S608


def test_the_date_pickers_say_the_range():
    from participatie.forms import BijeenkomstForm

    html = str(BijeenkomstForm()["datum"])
    assert 'min="2000-01-01T00:00"' in html and 'max="2100-12-31T23:59"' in html
