"""Steering actions through the pages (issue 10): the civil servants' forms, the council's list,
decisions that ask for actions and show their figures beside today's."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.constants import Role
from dashboard import services
from dashboard.constants import Status, StuuractieStatus
from dashboard.models import IndicatorSnapshot, Raadsbesluit, Stuuractie

from .factories import GebeurtenisFactory, PlanFactory, RaadsbesluitFactory, StuuractieFactory


def _plan_url(plan):
    return reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id})


def _rood(plan, indicator="resultaten"):
    """The plan's latest figure of `indicator`: off track."""
    return IndicatorSnapshot.objects.create(
        plan=plan,
        indicator=indicator,
        periode=timezone.localdate().replace(day=1),
        waarde=5,
        status=Status.UIT_KOERS,
        n=5,
        computed_at=timezone.now(),
    )


@pytest.mark.django_db
def test_from_a_red_indicator_a_civil_servant_records_an_action(client_for):
    # given a plan whose results are off track
    plan = PlanFactory()
    snap = _rood(plan)
    client = client_for(Role.AMBTENAAR)
    page = client.get(_plan_url(plan)).content.decode()
    link = f"{reverse('dashboard:stuuractie_create', kwargs={'plan_id': plan.id})}?indicator=resultaten"
    # then the red indicator links to the form with itself preselected
    assert f'href="{link}" data-stuuractie-link="resultaten"' in page
    form = client.get(link).content.decode()
    assert re.search(r'<option value="resultaten"\s+selected>', form)
    assert re.search(r'<option value="uit_koers"\s+selected>', form)
    assert f'value="{snap.periode:%Y-%m}"' in form
    # when the form is sent with a bad due date / then it stays as typed, with the message
    data = {"wat": "Extra keukentafelgesprekken", "wie": "Projectleider", "indicator": "resultaten"}
    data |= {"aanleiding_periode": f"{snap.periode:%Y-%m}", "aanleiding_status": "uit_koers"}
    response = client.post(link, data | {"uiterlijk": "0001-01-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Extra keukentafelgesprekken" in html and "1 januari 2000" in html
    assert not Stuuractie.objects.exists()
    # and with a good one it is recorded and the plan page lists it
    uiterlijk = timezone.localdate() + dt.timedelta(days=30)
    response = client.post(link, data | {"uiterlijk": uiterlijk.isoformat()})
    assert response.status_code == 302 and response["Location"].endswith("#stuuracties")
    actie = Stuuractie.objects.get()
    assert (actie.indicator, actie.aanleiding_status) == ("resultaten", "uit_koers")
    assert actie.aanleiding_periode == snap.periode
    page = client.get(_plan_url(plan)).content.decode()
    lijst = page[page.index('id="kop-stuuracties"') : page.index('id="kop-besluiten"')]
    assert "Extra keukentafelgesprekken" in lijst and "Projectleider" in lijst and "Resultaten" in lijst
    assert reverse("dashboard:stuuractie_done", kwargs={"stuuractie_id": actie.id}) in lijst


@pytest.mark.django_db
def test_council_members_read_the_actions_but_reach_no_form(client_for):
    # given a plan with an open, overdue action and a red indicator
    plan = PlanFactory()
    _rood(plan)
    actie = StuuractieFactory(plan=plan, wat="Netbeheerder bellen", uiterlijk=dt.date(2025, 1, 1))
    raadslid = client_for(Role.RAADSLID)
    # then the list shows it, overdue in words, without a link to change it
    page = raadslid.get(_plan_url(plan)).content.decode()
    lijst = page[page.index('id="kop-stuuracties"') : page.index('id="kop-besluiten"')]
    assert "Netbeheerder bellen" in lijst
    assert "over tijd: de uiterste datum is verstreken" in lijst
    assert "stuuractie/" not in page and "stuuracties/nieuw" not in page
    assert "<form" not in lijst
    # and every form answers 403, also to a POST
    for name, kwargs in [
        ("dashboard:stuuractie_create", {"plan_id": plan.id}),
        ("dashboard:stuuractie_update", {"stuuractie_id": actie.id}),
        ("dashboard:stuuractie_done", {"stuuractie_id": actie.id}),
        ("dashboard:stuuractie_cancel", {"stuuractie_id": actie.id}),
    ]:
        assert raadslid.get(reverse(name, kwargs=kwargs)).status_code == 403
        assert raadslid.post(reverse(name, kwargs=kwargs), {"wat": "x"}).status_code == 403
    actie.refresh_from_db()
    assert actie.status == StuuractieStatus.OPEN and actie.wat == "Netbeheerder bellen"


@pytest.mark.django_db
def test_a_civil_servant_marks_an_action_done_edits_and_cancels_after_confirming(client_for):
    plan = PlanFactory()
    klaar, weg = StuuractieFactory(plan=plan), StuuractieFactory(plan=plan, wat="Folder")
    client = client_for(Role.AMBTENAAR)
    url = reverse("dashboard:stuuractie_done", kwargs={"stuuractie_id": klaar.id})
    # a future date is refused at the field, the outcome stays as typed
    morgen = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(url, {"gedaan_op": morgen.isoformat(), "uitkomst": "Dertig bewoners"})
    assert response.status_code == 200
    assert "kan niet in de toekomst liggen" in response.content.decode()
    assert "Dertig bewoners" in response.content.decode()
    response = client.post(url, {"gedaan_op": timezone.localdate().isoformat(), "uitkomst": "Dertig bewoners"})
    assert response.status_code == 302
    klaar.refresh_from_db()
    assert (klaar.status, klaar.uitkomst) == (StuuractieStatus.GEDAAN, "Dertig bewoners")
    # editing keeps what was typed on an error, and saves on success
    edit = reverse("dashboard:stuuractie_update", kwargs={"stuuractie_id": weg.id})
    assert "Folder" in client.get(edit).content.decode()
    data = {"wat": "Folder huis-aan-huis", "wie": "Wethouder", "indicator": "beweging"}
    data["uiterlijk"] = weg.uiterlijk.isoformat()
    assert client.post(edit, data | {"wie": "x\x00"}).status_code == 200
    assert client.post(edit, data).status_code == 302
    weg.refresh_from_db()
    assert (weg.wat, weg.wie, weg.indicator) == ("Folder huis-aan-huis", "Wethouder", "beweging")
    # cancelling asks first, then cancels
    cancel = reverse("dashboard:stuuractie_cancel", kwargs={"stuuractie_id": weg.id})
    confirm = client.get(cancel).content.decode()
    assert "Folder huis-aan-huis" in confirm and "laten vervallen?" in confirm
    assert Stuuractie.objects.get(id=weg.id).status == StuuractieStatus.OPEN
    assert client.post(cancel).status_code == 302
    assert Stuuractie.objects.get(id=weg.id).status == StuuractieStatus.VERVALLEN
    # and a second cancel says why it cannot
    again = client.post(cancel)
    assert again.status_code == 400 and "alleen een open stuuractie" in again.content.decode()


@pytest.mark.django_db
def test_a_decision_asks_for_actions_and_shows_its_figures_beside_todays(client_for):
    # given a plan with computed figures (5 homes gas-free) and two open actions, one done
    plan = PlanFactory()
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 3, 15), hoeveelheid=5)
    services.plan_recompute(plan_id=plan.id)
    gevraagd = StuuractieFactory(plan=plan, wat="Warmtescan aanbieden")
    ander = StuuractieFactory(plan=plan, wat="Buurtapp starten")
    StuuractieFactory(plan=plan, wat="Al gedaan", gedaan=True)
    client = client_for(Role.AMBTENAAR)
    url = reverse("dashboard:raadsbesluit_create", kwargs={"plan_id": plan.id})
    # then the decision form offers the open actions only
    form = client.get(url).content.decode()
    assert "Warmtescan aanbieden" in form and "Buurtapp starten" in form and "Al gedaan" not in form
    # when sent without a rationale, the ticked action stays ticked
    data = {"datum": "2025-06-01", "doen_we_het_goede": "Ja", "wat_is_nodig": "Sneller", "besluit": "bijsturen"}
    data["stuuracties"] = [gevraagd.id]
    response = client.post(url, data)
    assert response.status_code == 200
    assert re.search(rf'name="stuuracties" value="{gevraagd.id}"[^>]*checked', response.content.decode())
    assert not re.search(rf'name="stuuracties" value="{ander.id}"[^>]*checked', response.content.decode())
    assert not Raadsbesluit.objects.exists()
    # and with it the decision is recorded, asking for that action
    assert client.post(url, data | {"motivering": "Tempo omhoog"}).status_code == 302
    besluit = Raadsbesluit.objects.get()
    assert list(besluit.stuuracties.all()) == [gevraagd]
    assert besluit.snapshot["resultaten"]["waarde"] == 5.0
    # when 10 more homes went gas-free since
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 4, 15), hoeveelheid=10)
    services.plan_recompute(plan_id=plan.id)
    # then the plan page shows the decision's action with its status and the figures then and now
    page = client_for(Role.RAADSLID).get(_plan_url(plan)).content.decode()
    item = page[page.index(f'data-besluit="{besluit.id}"') :]
    assert "Warmtescan aanbieden" in item and "Buurtapp starten" not in item
    begin = item.index("data-besluit-vergelijking")
    tabel = item[begin : item.index("</table>", begin)]
    assert "Bij het besluit" in tabel and "Vandaag" in tabel
    rij = tabel[tabel.index("Resultaten") :].split("</tr>")[0]
    assert re.findall(r"<td>([^<]*)</td>", rij)[0].startswith("5 (")
    assert re.findall(r"<td>([^<]*)</td>", rij)[1].startswith("15 (")


def _page_queries(client, plan) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(_plan_url(plan))
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_the_plan_page_does_not_grow_with_actions_or_decisions(client_for):
    from wup.tests.factories import PartijFactory

    def plan_met(n):
        plan = PlanFactory()
        GebeurtenisFactory(plan=plan)
        services.plan_recompute(plan_id=plan.id)
        partij = PartijFactory(plan=plan)
        for i in range(n):
            besluit = RaadsbesluitFactory(plan=plan, snapshot={"resultaten": {"waarde": i, "status": "uit_koers"}})
            open_ = StuuractieFactory(plan=plan, wie="", wie_partij=partij)
            klaar = StuuractieFactory(plan=plan, gedaan=True)
            besluit.stuuracties.set([open_, klaar])
        return plan

    client = client_for(Role.AMBTENAAR)
    twee, twaalf = plan_met(2), plan_met(12)
    client.get(_plan_url(twee))  # warm the session and role caches
    # given 2 or 12 decisions, each asking for 2 actions, and 4 or 24 actions / then the same queries
    assert _page_queries(client, twee) == _page_queries(client, twaalf)
    page = client.get(_plan_url(twaalf)).content.decode()
    assert page.count('data-besluit-vergelijking="') == 12
    assert page.count("data-stuuractie=") == 12 + 12 + 24  # open list, closed list, per decision


@pytest.mark.django_db
def test_the_plan_page_says_how_many_actions_were_done_on_time(client_for):
    # given a plan with two actions due: one done on time, one still open
    plan = PlanFactory()
    GebeurtenisFactory(plan=plan)
    StuuractieFactory(plan=plan, uiterlijk=dt.date(2025, 6, 1), gedaan=True, gedaan_op=dt.date(2025, 5, 20))
    StuuractieFactory(plan=plan, uiterlijk=dt.date(2025, 6, 1))
    # when the plan is recomputed (as every action write asks) and a council member opens it
    services.plan_recompute(plan_id=plan.id, force=True)
    page = client_for(Role.RAADSLID).get(_plan_url(plan)).content.decode()
    # then "Sturen we goed bij?" says both counts in Dutch, with their n
    sturing = page[page.index('id="kop-sturing"') :]
    assert (
        '<p data-sturing="acties">1 van de 2 stuuracties met een verstreken uiterste datum zijn op tijd gedaan. '
        "1 is over tijd en nog open.</p>"
    ) in sturing
    # and the plan's red signals (nothing moved since March 2025), none with a decision and an action
    assert re.search(
        r'<p data-sturing="opvolging">0 van de \d+ rode signalen kregen binnen 60 dagen een raadsbesluit en een '
        r"stuuractie\.",
        sturing,
    )
