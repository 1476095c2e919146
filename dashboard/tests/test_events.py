"""Event entry through the form and the CSV import (sync and as a task): every refusal per row and column."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.constants import Role
from dashboard import services
from dashboard.models import IndicatorSnapshot
from dashboard.services import gebeurtenissen
from logboek.constants import GebeurtenisType
from logboek.models import Gebeurtenis

from .factories import PlanFactory


@pytest.mark.django_db
def test_ambtenaar_logs_an_event_and_bad_input_keeps_the_form(client_for, django_capture_on_commit_callbacks):
    plan = PlanFactory()
    client = client_for(Role.AMBTENAAR)
    url = reverse("dashboard:event_create")
    # bad: a correction that does not say which type it compensates -> form again, nothing stored
    data = {
        "plan": plan.id,
        "type": GebeurtenisType.CORRECTIE,
        "datum": "2025-05-01",
        "hoeveelheid": -2,
        "toelichting": "Dubbel geteld in de lijst van de netbeheerder",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and Gebeurtenis.objects.count() == 0
    assert response.context["form"].errors["corrigeert_type"] == [
        "Kies welk soort gebeurtenis deze correctie compenseert."
    ]
    assert "Dubbel geteld in de lijst van de netbeheerder" in response.content.decode()  # typed input kept
    # good: stored with the declared payload
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url, dict(data, corrigeert_type=GebeurtenisType.WONING_AARDGASVRIJ))
    assert response.status_code == 302
    event = Gebeurtenis.objects.get()
    assert (event.hoeveelheid, event.payload) == (
        -2,
        {"corrigeert_type": "woning_aardgasvrij", "toelichting": "Dubbel geteld in de lijst van de netbeheerder"},
    )
    assert len(callbacks) == 1  # the recompute request after commit


ROUTEKAART_TYPES = sorted(
    [
        GebeurtenisType.MIJLPAAL_GEPLAND,
        GebeurtenisType.MIJLPAAL_VERSCHOVEN,
        GebeurtenisType.MIJLPAAL_BEREIKT,
        GebeurtenisType.MIJLPAAL_GEMIST,
        GebeurtenisType.AFSPRAAK_GEMAAKT,
        GebeurtenisType.AFSPRAAK_VERSCHOVEN,
        GebeurtenisType.AFSPRAAK_NAGEKOMEN,
        GebeurtenisType.AFSPRAAK_GEMIST,
    ]
)
NAAR_ROUTEKAART = "Mijlpalen en afspraken legt u vast in de routekaart van het plan, niet als gebeurtenis."


@pytest.mark.django_db
def test_the_event_form_refuses_milestones_and_agreements_and_sends_to_the_routekaart(client_for):
    # given a civil servant (an old bookmark or a tampered form posts a routekaart type)
    plan = PlanFactory()
    client = client_for(Role.AMBTENAAR)
    url = reverse("dashboard:event_create")
    # then the form does not offer them
    html = client.get(url).content.decode()
    assert all(f'value="{t}"' not in html for t in ROUTEKAART_TYPES)
    for type_ in ROUTEKAART_TYPES:
        # when one is posted anyway
        data = {"plan": plan.id, "type": type_, "datum": "2025-05-01", "hoeveelheid": 1, "gepland": "2025-05-01"}
        response = client.post(url, data)
        # then it is refused at the type, in Dutch, saying where to go; nothing stored
        assert response.status_code == 200
        assert response.context["form"].errors["type"] == [NAAR_ROUTEKAART], type_
    assert not Gebeurtenis.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("type_", ROUTEKAART_TYPES)
def test_the_event_service_refuses_milestones_and_agreements(type_):
    plan = PlanFactory()
    with pytest.raises(ValidationError) as exc:
        services.gebeurtenis_record(
            plan_id=plan.id, type=type_, datum=dt.date(2025, 5, 1), payload={"gepland": dt.date(2025, 5, 1)}
        )
    assert exc.value.message_dict == {"type": [NAAR_ROUTEKAART]}
    assert not Gebeurtenis.objects.exists()


@pytest.mark.django_db
def test_a_fact_dated_in_the_future_is_refused_by_the_form_and_the_service(client_for):
    # given today, frozen
    plan = PlanFactory()
    client = client_for(Role.AMBTENAAR)
    url = reverse("dashboard:event_create")
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        data = {"plan": plan.id, "type": GebeurtenisType.WONING_AARDGASVRIJ, "hoeveelheid": 4}
        # when tomorrow is typed: refused at the date, input kept, nothing stored
        response = client.post(url, dict(data, datum="2026-03-11"))
        assert response.status_code == 200
        assert response.context["form"].errors["datum"] == [
            "Deze datum ligt in de toekomst. Leg een gebeurtenis vast zodra die heeft plaatsgevonden."
        ]
        assert 'value="2026-03-11"' in response.content.decode()
        assert 'max="2026-03-10"' in response.content.decode()  # the date picker stops at today
        assert not Gebeurtenis.objects.exists()
        # and the service refuses it on every path (not only through the form)
        with pytest.raises(ValidationError) as exc:
            services.gebeurtenis_record(
                plan_id=plan.id, type=GebeurtenisType.WONING_AARDGASVRIJ, datum=dt.date(2099, 1, 1)
            )
        assert set(exc.value.message_dict) == {"datum"}
        # today itself is a fact
        response = client.post(url, dict(data, datum="2026-03-10"))
        assert response.status_code == 302
    assert Gebeurtenis.objects.get().datum == dt.date(2026, 3, 10)


@pytest.mark.django_db
def test_the_csv_import_refuses_future_dates_and_routekaart_types_per_row_and_column():
    # given today, frozen, and a file with one good row, a future date and a milestone
    plan = PlanFactory()
    content = (
        "plan_id,type,datum,hoeveelheid,extern_id,gepland\n"
        f"{plan.id},woning_aardgasvrij,2026-03-10,3,ok-1,\n"
        f"{plan.id},woning_aardgasvrij,2026-03-11,3,morgen-1,\n"
        f"{plan.id},mijlpaal_bereikt,2026-03-01,1,mp-1,2026-03-01\n"
        f"{plan.id},afspraak_gemaakt,2026-03-01,1,af-1,2026-04-01\n"
    )
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        # when
        result = services.events_csv_import(content=content.encode())
    # then each bad row is named with its line and column, in Dutch; nothing is written
    assert [(e.row, e.column, e.reason) for e in result.errors] == [
        (3, "datum", "2026-03-11 ligt in de toekomst: importeer een gebeurtenis zodra die heeft plaatsgevonden"),
        (4, "type", "mijlpalen en afspraken kunt u niet importeren: leg ze vast in de routekaart van het plan"),
        (5, "type", "mijlpalen en afspraken kunt u niet importeren: leg ze vast in de routekaart van het plan"),
    ]
    assert not Gebeurtenis.objects.exists()


CSV = (
    "plan_id,type,datum,hoeveelheid,extern_id\n"
    "{p},woning_aardgasvrij,2025-04-01,3,nb-001\n"
    "{p},woning_aardgasvrij,2025-04-02,2,nb-002\n"
)


@pytest.mark.django_db
def test_the_same_csv_imported_twice_counts_once():
    plan = PlanFactory()
    content = CSV.format(p=plan.id).encode()
    first = services.events_csv_import(content=content)
    second = services.events_csv_import(content=content)
    assert (first.created, first.duplicates) == (2, 0)
    assert (second.created, second.duplicates) == (0, 2)
    services.plan_recompute(plan_id=plan.id, vandaag=dt.date(2025, 4, 30))
    assert IndicatorSnapshot.objects.get(plan=plan, indicator="resultaten", periode=dt.date(2025, 4, 1)).waarde == 5


@pytest.mark.django_db
def test_csv_rows_find_their_plan_by_wijkcode_only_when_it_is_unique():
    # given one wijk with one plan and one wijk with two plans
    alone = PlanFactory()
    shared = PlanFactory()
    PlanFactory(wijk=shared.wijk)
    content = (
        "wijkcode,type,datum,hoeveelheid,extern_id\n"
        f"{alone.wijk.code},woning_aardgasvrij,2025-04-01,3,wk-001\n"
        f"{shared.wijk.code},woning_aardgasvrij,2025-04-01,3,wk-002\n"
    )
    # when
    result = services.events_csv_import(content=content)
    # then the ambiguous row is named and nothing is written
    assert [(e.row, e.column) for e in result.errors] == [(3, "wijkcode")]
    assert Gebeurtenis.objects.count() == 0
    # when only the unique wijk is used
    result = services.events_csv_import(content=content.rsplit("\n", 2)[0] + "\n")
    # then its plan gets the event
    assert result.created == 1
    assert Gebeurtenis.objects.get().plan_id == alone.id


@pytest.mark.django_db
def test_csv_with_a_bad_row_imports_nothing_and_names_row_and_column(client_for):
    plan = PlanFactory()
    content = CSV.format(p=plan.id) + f"{plan.id},onzin,2025-13-01,x,nb-001\n"
    client = client_for(Role.AMBTENAAR)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("dashboard:event_import"), {"bestand": SimpleUploadedFile("a.csv", content.encode())}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert Gebeurtenis.objects.count() == 0
    for fragment in ("onbekend type", "geen datum", "geen geheel getal", "staat ook op regel 2"):
        assert fragment in html


@pytest.mark.django_db
def test_large_csv_goes_to_a_task_with_progress(client_for, monkeypatch):
    from dashboard import csv_import
    from dashboard.tasks import events_csv_import_task

    plan = PlanFactory()
    monkeypatch.setattr(gebeurtenissen, "SYNC_IMPORT_MAX_LINES", 1)
    calls = []
    monkeypatch.setattr(events_csv_import_task, "apply_async", lambda kwargs: calls.append(kwargs))
    client = client_for(Role.AMBTENAAR)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("dashboard:event_import"), {"bestand": SimpleUploadedFile("a.csv", CSV.format(p=plan.id).encode())}
    )
    assert response.status_code == 302
    # the worker runs it (called directly here) and the progress endpoint shows the result
    events_csv_import_task(**calls[0])
    assert Gebeurtenis.objects.count() == 2
    assert csv_import.progress_get(calls[0]["job"])["finished"] is True
    page = client.get(response["Location"], HTTP_HX_REQUEST="true")
    text = page.content.decode()
    assert "2 gebeurtenissen geïmporteerd, 0 waren al bekend." in text
    assert "hx-get" not in text


@pytest.mark.django_db
def test_large_csv_with_the_broker_down_imports_nothing_and_says_so(client_for, monkeypatch, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dashboard.tasks import events_csv_import_task

    settings.MEDIA_ROOT = str(tmp_path)
    plan = PlanFactory()
    monkeypatch.setattr(gebeurtenissen, "SYNC_IMPORT_MAX_LINES", 1)

    def broker_down(**kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(events_csv_import_task, "apply_async", broker_down)
    response = client_for(Role.AMBTENAAR).post(
        reverse("dashboard:event_import"), {"bestand": SimpleUploadedFile("a.csv", CSV.format(p=plan.id).encode())}
    )
    assert response.status_code == 200
    assert "De import kon niet starten" in response.content.decode()
    assert Gebeurtenis.objects.count() == 0
    assert not list(tmp_path.rglob("*.csv"))  # the stored upload is removed again


NAAR_PULSRONDE = (
    "De pulsmeting van ambtenaren komt alleen uit een pulsronde (anoniem, met codes): "
    "start er een op de participatiepagina van het plan."
)


@pytest.mark.django_db
def test_the_event_form_no_longer_takes_a_pulse_by_hand(client_for):
    # given a civil servant on the event form
    plan = PlanFactory()
    client = client_for(Role.AMBTENAAR)
    url = reverse("dashboard:event_create")
    # then it offers neither the pulse type nor a score field
    html = client.get(url).content.decode()
    assert f'value="{GebeurtenisType.AMBTENAREN_PULS}"' not in html
    assert 'name="score"' not in html
    # when a pulse is posted anyway (an old bookmark, a tampered form), with or without a score
    data = {"plan": plan.id, "type": GebeurtenisType.AMBTENAREN_PULS, "datum": "2025-05-01", "hoeveelheid": 1}
    for extra in ({}, {"score": "3.5"}):
        response = client.post(url, dict(data, **extra))
        # then it is refused at the type, saying where the pulse comes from; nothing stored
        assert response.status_code == 200
        assert response.context["form"].errors["type"] == [NAAR_PULSRONDE]
    assert not Gebeurtenis.objects.exists()
    # and the service refuses it on every path, also with a valid score
    with pytest.raises(ValidationError) as exc:
        services.gebeurtenis_record(
            plan_id=plan.id, type=GebeurtenisType.AMBTENAREN_PULS, datum=dt.date(2025, 5, 1), payload={"score": 4}
        )
    assert exc.value.message_dict == {"type": [NAAR_PULSRONDE]}
    assert not Gebeurtenis.objects.exists()


@pytest.mark.django_db
def test_the_event_form_stores_the_declared_payload_without_keys_the_type_does_not_declare(client_for):
    plan = PlanFactory()
    data = {"plan": plan.id, "type": GebeurtenisType.KLACHT, "datum": "2025-05-01", "hoeveelheid": 1}
    response = client_for(Role.AMBTENAAR).post(
        reverse("dashboard:event_create"), dict(data, score="3.5", gepland="2025-06-01", toelichting="Geluidsoverlast")
    )
    assert response.status_code == 302
    assert Gebeurtenis.objects.get().payload == {"toelichting": "Geluidsoverlast"}


@pytest.mark.django_db
def test_the_csv_import_refuses_a_pulse_row_even_with_a_score():
    plan = PlanFactory()
    content = (
        "plan_id,type,datum,hoeveelheid,extern_id,score\n"
        f"{plan.id},woning_aardgasvrij,2025-04-01,3,ok-1,\n"
        f"{plan.id},ambtenaren_puls,2025-04-01,1,puls-1,4\n"
        f"{plan.id},ambtenaren_puls,2025-04-01,1,puls-2,\n"
    )
    result = services.events_csv_import(content=content.encode())
    reason = "een pulsmeting kunt u niet importeren: die komt alleen uit een pulsronde van het plan"
    assert [(e.row, e.column, e.reason) for e in result.errors] == [(3, "type", reason), (4, "type", reason)]
    assert not Gebeurtenis.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("{p},woning_aardgasvrij,2025-04-01,2147483648,big-001", "hoeveelheid"),
        ("{p},woning_aardgasvrij,2025-04-01,1," + "x" * 201, "extern_id"),
        ("{p},woning_aardgasvrij,1999-12-31,1,old-001", "datum"),
        ("{p},woning_aardgasvrij,2101-01-01,1,late-001", "datum"),
        ("{p},woning_aardgasvrij,2025-04-01,1,nul\x00-001", "-"),
    ],
)
def test_csv_values_outside_their_column_are_named_per_row_and_nothing_is_saved(row, column):
    plan = PlanFactory()
    result = services.events_csv_import(content=(CSV.format(p=plan.id) + row.format(p=plan.id) + "\n").encode())
    assert [(e.row, e.column) for e in result.errors] == [(4, column)]
    assert Gebeurtenis.objects.count() == 0


@pytest.mark.django_db
def test_csv_with_cr_only_line_endings_imports_like_any_other():
    plan = PlanFactory()
    result = services.events_csv_import(content=CSV.format(p=plan.id).replace("\n", "\r").encode())
    assert result.ok, [str(e) for e in result.errors]
    assert (result.created, Gebeurtenis.objects.count()) == (2, 2)


@pytest.mark.django_db
@pytest.mark.parametrize("failure", ["time limit", "file missing"])
def test_a_failed_import_task_says_so_removes_the_file_and_imports_nothing(
    client_for, monkeypatch, settings, tmp_path, failure
):
    from celery.exceptions import SoftTimeLimitExceeded
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from dashboard import csv_import
    from dashboard.tasks import events_csv_import_task

    settings.MEDIA_ROOT = str(tmp_path)
    plan = PlanFactory()
    path = default_storage.save("event-imports/job1.csv", ContentFile(CSV.format(p=plan.id).encode()))
    csv_import.progress_set("job1", done=0, total=0, finished=False)
    if failure == "time limit":

        def slow(**kwargs):
            csv_import.progress_set("job1", done=126, total=130, finished=False)
            raise SoftTimeLimitExceeded()

        monkeypatch.setattr(gebeurtenissen, "events_csv_import", slow)
    else:
        default_storage.delete(path)  # web and worker without a shared MEDIA_ROOT
    with pytest.raises((SoftTimeLimitExceeded, FileNotFoundError)):
        events_csv_import_task(path=path, job="job1")
    assert Gebeurtenis.objects.count() == 0
    assert not list(tmp_path.rglob("*.csv"))
    page = client_for(Role.AMBTENAAR).get(
        reverse("dashboard:import_status", kwargs={"job": "job1"}), HTTP_HX_REQUEST="true"
    )
    text = page.content.decode()
    assert "De import is mislukt" in text
    assert "hx-get" not in text  # the page stops polling


@pytest.mark.django_db
def test_an_import_that_stopped_reporting_counts_as_failed(monkeypatch):
    from dashboard import csv_import

    csv_import.progress_set("job2", done=126000, total=130000, finished=False)
    assert "failed" not in csv_import.progress_get("job2")
    monkeypatch.setattr(csv_import.time, "time", lambda: 10**12)
    assert csv_import.progress_get("job2") == {
        **csv_import.cache.get("event-import:job2"),
        "finished": True,
        "failed": True,
    }


@pytest.mark.django_db
def test_a_file_over_the_row_limit_is_refused_with_its_limit(monkeypatch):
    from dashboard import csv_import

    plan = PlanFactory()
    monkeypatch.setattr(csv_import, "MAX_ROWS", 1)
    result = services.events_csv_import(content=CSV.format(p=plan.id).encode())
    assert [(e.row, e.column) for e in result.errors] == [(3, "-")]
    assert "meer dan 1 regels" in result.errors[0].reason
    assert Gebeurtenis.objects.count() == 0
