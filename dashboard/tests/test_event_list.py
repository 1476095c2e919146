"""A plan's event list (council and civil servants) and withdrawing an event (civil servants)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from core.constants import Role
from dashboard import selectors, services
from dashboard.forms import GebeurtenisForm
from logboek.constants import GebeurtenisType as T
from logboek.models import Gebeurtenis
from logboek.services import gebeurtenis_intrekken
from logboek.tests.test_intrekking import insert_raw

from .factories import GebeurtenisFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _list_url(plan) -> str:
    return reverse("dashboard:plan_events", kwargs={"plan_id": plan.id})


def _withdraw_url(event_id: int) -> str:
    return reverse("dashboard:event_withdraw", kwargs={"gebeurtenis_id": event_id})


@pytest.mark.parametrize("role", [Role.ANONYMOUS, Role.RESIDENT])
def test_residents_and_anonymous_visitors_reach_neither_page(role, client_for):
    event = GebeurtenisFactory()
    client = client_for(role)
    for url in (_list_url(event.plan), _withdraw_url(event.id)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("core:login"))
    response = client.post(_withdraw_url(event.id), {"reden": "weg ermee"})
    assert response.status_code == 302
    assert not Gebeurtenis.objects.filter(type=T.INTREKKING).exists()


def test_a_council_member_sees_the_list_but_no_withdraw_form_and_cannot_withdraw(client_for, ambtenaar):
    # given a plan with an event, a withdrawn event and its withdrawal
    plan = PlanFactory()
    counted = GebeurtenisFactory(plan=plan, hoeveelheid=3, extern_id="nb-001")
    withdrawn = GebeurtenisFactory(plan=plan, hoeveelheid=9, extern_id="nb-002")
    intrekking = gebeurtenis_intrekken(gebeurtenis_id=withdrawn.id, reden="Dubbel geleverd", door=ambtenaar)
    client = client_for(Role.RAADSLID)
    # when a council member opens the list
    response = client.get(_list_url(plan))
    # then every event is there, newest first, with the withdrawal and its reason, no form
    assert response.status_code == 200
    html = response.content.decode()
    assert [row.event.id for row in response.context["page"].object_list] == [intrekking.id, withdrawn.id, counted.id]
    assert "nb-001" in html and "nb-002" in html and "Dubbel geleverd" in html
    assert f"Trekt gebeurtenis {withdrawn.id} in" in html
    assert html.count('data-withdrawn="yes"') == 1
    assert _withdraw_url(counted.id) not in html and "Intrekken" not in html
    # and the withdraw page and its POST are refused
    assert client.get(_withdraw_url(counted.id)).status_code == 403
    assert client.post(_withdraw_url(counted.id), {"reden": "x"}).status_code == 403
    assert Gebeurtenis.objects.filter(type=T.INTREKKING).count() == 1


def test_a_civil_servant_withdraws_an_event_after_confirming(client_for, django_capture_on_commit_callbacks):
    # given a computed plan with two events
    plan = PlanFactory()
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 3, 2), hoeveelheid=4)
    wrong = GebeurtenisFactory(plan=plan, datum=dt.date(2025, 3, 3), hoeveelheid=100, extern_id="fout-1")
    services.plan_recompute(plan_id=plan.id, vandaag=dt.date(2025, 3, 31))
    client = client_for(Role.AMBTENAAR)
    # when the civil servant opens the list, each event that counts has its withdraw link
    html = client.get(_list_url(plan)).content.decode()
    assert _withdraw_url(wrong.id) in html
    # and the link opens a confirmation page that changes nothing yet
    confirm = client.get(_withdraw_url(wrong.id))
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "fout-1" in text and "kan niet ongedaan worden gemaakt" in text
    assert not Gebeurtenis.objects.filter(type=T.INTREKKING).exists()
    # when they confirm with a reason
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(_withdraw_url(wrong.id), {"reden": "Verkeerde wijk"})
    # then the event is withdrawn, the list says so, and a recompute is asked after commit
    assert response.status_code == 302 and response["Location"] == _list_url(plan)
    intrekking = Gebeurtenis.objects.get(type=T.INTREKKING)
    assert intrekking.payload == {"intrekt": wrong.id, "reden": "Verkeerde wijk"}
    assert len(callbacks) == 1
    page = client.get(response["Location"])
    assert "De gebeurtenis is ingetrokken." in page.content.decode()
    row = next(r for r in page.context["page"].object_list if r.event.id == wrong.id)
    assert row.withdrawal_reason == "Verkeerde wijk" and not row.can_withdraw
    # and the next recompute no longer counts it
    services.plan_recompute(plan_id=plan.id, vandaag=dt.date(2025, 3, 31))
    assert selectors.latest_snapshots(plan_ids=[plan.id])[plan.id]["resultaten"].waarde == 4.0


@pytest.mark.parametrize(
    ("case", "status", "message"),
    [
        ("no reason", 200, "Geef de reden waarom deze gebeurtenis wordt ingetrokken."),
        ("blank reason", 200, "Geef de reden waarom deze gebeurtenis wordt ingetrokken."),
        ("unknown id", 404, "Deze gebeurtenis bestaat niet."),
        ("withdrawn before", 200, "Deze gebeurtenis is al ingetrokken."),
        ("a withdrawal", 200, "Een intrekking kan zelf niet worden ingetrokken."),
    ],
)
def test_a_bad_withdraw_post_gives_a_clear_message_and_changes_nothing(case, status, message, client_for, ambtenaar):
    # given an event withdrawn before and one that counts
    plan = PlanFactory()
    event = GebeurtenisFactory(plan=plan)
    withdrawn = GebeurtenisFactory(plan=plan)
    intrekking = gebeurtenis_intrekken(gebeurtenis_id=withdrawn.id, reden="eerder", door=ambtenaar)
    target, data = {
        "no reason": (event.id, {}),
        "blank reason": (event.id, {"reden": "   "}),
        "unknown id": (intrekking.id + 1000, {"reden": "weg"}),
        "withdrawn before": (withdrawn.id, {"reden": "nog eens"}),
        "a withdrawal": (intrekking.id, {"reden": "terug"}),
    }[case]
    before = Gebeurtenis.objects.count()
    # when the civil servant posts it
    response = client_for(Role.AMBTENAAR).post(_withdraw_url(target), data)
    # then the page says why, in Dutch, and nothing was written
    assert response.status_code == status
    assert message in response.content.decode()
    assert Gebeurtenis.objects.count() == before


def test_the_list_is_paginated_newest_first_and_flags_unreadable_payloads(client_for):
    # given a plan with 55 events, the last one a poison event written with raw SQL
    plan = PlanFactory()
    events = [GebeurtenisFactory(plan=plan) for _ in range(54)]
    poison = insert_raw(plan, type_=T.AFSPRAAK_GEMIST, payload={"gepland": "2099-02-30"})
    client = client_for(Role.AMBTENAAR)
    # when the first and the second page are opened
    first = client.get(_list_url(plan))
    second = client.get(_list_url(plan), {"pagina": 2})
    # then 50 and 5 events, newest first, and the poison event's bad value is named
    ids = [r.event.id for r in first.context["page"].object_list]
    assert ids == [poison] + [e.id for e in reversed(events)][:49]
    assert [r.event.id for r in second.context["page"].object_list] == [e.id for e in events[:5]][::-1]
    html = first.content.decode()
    assert "Pagina 1 van 2" in html
    assert html.count("data-payload-problem") == 1
    assert "gepland is geen geldige waarde" in html
    # and it can be withdrawn like any other
    assert _withdraw_url(poison) in html


def test_an_unknown_plan_has_no_event_list(client_for):
    assert (
        client_for(Role.RAADSLID).get(reverse("dashboard:plan_events", kwargs={"plan_id": 999999})).status_code == 404
    )


@pytest.mark.parametrize("n", [3, 120])
def test_the_event_list_selector_runs_a_fixed_number_of_queries(n, ambtenaar, django_assert_max_num_queries):
    # given a plan with n events, a third of them withdrawn
    plan = PlanFactory()
    events = [GebeurtenisFactory(plan=plan) for _ in range(n)]
    for event in events[::3]:
        gebeurtenis_intrekken(gebeurtenis_id=event.id, reden="test", door=ambtenaar)
    # when a page is read and every row's withdrawal and payload looked at
    with django_assert_max_num_queries(3):
        page = selectors.plan_events_page(plan_id=plan.id, page=1)
        rows = [(r.event.get_type_display(), r.withdrawal_reason, r.can_withdraw, r.withdraws_id) for r in page]
    # then at most three queries (count, page, withdrawals) whatever n, and the rows are right
    assert len(rows) == min(n + len(events[::3]), 50)
    assert sum(1 for r in page if r.withdrawal is not None) == sum(
        1 for e in events[::3] if e.id in {r.event.id for r in page}
    )


def test_the_event_list_page_runs_a_fixed_number_of_queries(client_for, ambtenaar, django_assert_num_queries):
    plan = PlanFactory()
    client = client_for(Role.RAADSLID)
    client.get(_list_url(plan))  # warm the session and user caches

    def queries_for(count):
        for _ in range(count):
            event = GebeurtenisFactory(plan=plan)
            gebeurtenis_intrekken(gebeurtenis_id=event.id, reden="test", door=ambtenaar)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_list_url(plan)).status_code == 200
        return len(ctx.captured_queries)

    assert queries_for(2) == queries_for(40)


def test_a_withdrawal_is_neither_offered_in_the_event_form_nor_accepted_by_form_or_import(client_for):
    plan = PlanFactory()
    # the form offers every type but the withdrawal, also as the type a correction corrects
    form = GebeurtenisForm()
    assert T.INTREKKING not in dict(form.fields["type"].choices)
    assert T.INTREKKING not in dict(form.fields["corrigeert_type"].choices)
    assert T.CORRECTIE in dict(form.fields["type"].choices)
    # a POST with it is refused by the form
    response = client_for(Role.AMBTENAAR).post(
        reverse("dashboard:event_create"),
        {"plan": plan.id, "type": T.INTREKKING, "datum": "2025-05-01", "hoeveelheid": 1},
    )
    assert response.status_code == 200 and "type" in response.context["form"].errors
    # the service refuses it too
    with pytest.raises(Exception, match="lijst met gebeurtenissen"):
        services.gebeurtenis_record(plan_id=plan.id, type=T.INTREKKING, datum=dt.date(2025, 5, 1), payload={})
    # and the CSV import names the row and column
    event = GebeurtenisFactory(plan=plan)
    result = services.events_csv_import(
        content=(
            "plan_id,type,datum,hoeveelheid,extern_id,intrekt,reden\n"
            f"{plan.id},intrekking,2025-06-01,0,i-1,{event.id},weg\n"
        )
    )
    assert [(e.row, e.column) for e in result.errors] == [(2, "type")]
    assert "kan niet worden geïmporteerd" in result.errors[0].reason
    assert not Gebeurtenis.objects.filter(type=T.INTREKKING).exists()
