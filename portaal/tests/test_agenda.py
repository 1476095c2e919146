"""The calendar feeds: the public one per plan and the parties' one behind a revocable token.

Each feed is parsed twice: with `icalendar` (the library that writes it) and with `ics`, a
second, independent parser, so a feed only one of them reads fails.
"""

from __future__ import annotations

import datetime as dt
import logging

import icalendar
import ics
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.constants import Role
from core.tests.factories import UserFactory
from participatie.tests.factories import BijeenkomstFactory
from portaal import selectors, services
from portaal.models import AgendaToken
from routekaart import services as routekaart_services
from routekaart.tests.factories import afspraak, mijlpaal
from wup.tests.factories import PartijFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _vandaag() -> dt.date:
    return timezone.localdate()


def _events(body: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(body)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def _second_parser(body: bytes) -> dict[str, ics.Event]:
    return {e.uid: e for e in ics.Calendar(body.decode()).events}


def _route(plan):
    """A milestone 30 days ahead (moved once, with an internal reason), one 60 days ahead, a
    missed one, and an agreement; the civil servant who moved it has a recognisable name."""
    vandaag = _vandaag()
    netbeheerder = PartijFactory(plan=plan, naam="Stedin")
    ambtenaar = UserFactory(role=Role.AMBTENAAR, first_name="Wilhelmina", last_name="Ambtsdraagster")
    netverzwaring = mijlpaal(
        plan, naam="Netverzwaring gereed", basisdatum=vandaag + dt.timedelta(days=20), verantwoordelijke=netbeheerder
    )
    routekaart_services.prognose_verplaatsen(
        item=netverzwaring,
        prognose=vandaag + dt.timedelta(days=30),
        reden="Interne reden: aannemer failliet",
        door=ambtenaar,
    )
    besluit = mijlpaal(plan, naam="Besluit warmtenet", basisdatum=vandaag + dt.timedelta(days=60), besluitmoment=True)
    gemist = mijlpaal(plan, naam="Subsidieregeling open", basisdatum=vandaag - dt.timedelta(days=40))
    routekaart_services.afronden(item=gemist, uitkomst="gemist", datum=vandaag - dt.timedelta(days=10), door=ambtenaar)
    belofte = afspraak(
        plan,
        wat="Aansluitaanbod warmte",
        basisdatum=vandaag + dt.timedelta(days=45),
        leverancier=netbeheerder,
        toelichting="Intern: nog niet met de wethouder besproken",
    )
    return {"netverzwaring": netverzwaring, "besluit": besluit, "gemist": gemist, "afspraak": belofte}


def _publiek(plan) -> bytes:
    response = Client().get(reverse("portaal:agenda_publiek", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def _token(plan) -> str:
    _, token = services.agenda_token_create(plan=plan, label="Netbeheerder Stedin")
    return token


# --- The public feed ---------------------------------------------------------------------------


def test_public_feed_of_a_published_plan_holds_its_meetings_and_coming_milestones_as_all_day_events():
    # given a plan in consultation with a route and an upcoming meeting
    plan = PlanFactory(in_consultatie=True)
    items = _route(plan)
    avond = BijeenkomstFactory(plan=plan, titel="Inloopavond warmtenet", plaats="Buurthuis De Linde")
    # when anyone fetches the public feed
    body = _publiek(plan)
    # then both parsers read it, with the meeting and the two coming milestones
    events, second = _events(body), _second_parser(body)
    uid = f"mijlpaal-{items['netverzwaring'].pk}@gm0307.wijkproces"
    assert (
        set(events)
        == set(second)
        == {
            uid,
            f"mijlpaal-{items['besluit'].pk}@gm0307.wijkproces",
            f"bijeenkomst-{avond.pk}@gm0307.wijkproces",
        }
    )
    # and a milestone is an all-day event on its forecast date (a DATE, not a DATE-TIME)
    netverzwaring = events[uid]
    assert netverzwaring.decoded("DTSTART") == _vandaag() + dt.timedelta(days=30)
    assert type(netverzwaring.decoded("DTSTART")) is dt.date
    assert "DTSTART;VALUE=DATE:" in body.decode()
    assert second[uid].all_day and second[uid].begin.date() == _vandaag() + dt.timedelta(days=30)
    assert netverzwaring["SEQUENCE"] == 1  # moved once
    assert str(netverzwaring["STATUS"]) == "TENTATIVE"
    assert str(events[f"mijlpaal-{items['besluit'].pk}@gm0307.wijkproces"]["SUMMARY"]) == (
        "Besluitmoment: Besluit warmtenet"
    )
    # and the meeting is timed, in UTC, where the page says it is
    meeting = events[f"bijeenkomst-{avond.pk}@gm0307.wijkproces"]
    assert meeting.decoded("DTSTART") == avond.datum.replace(microsecond=0)
    assert str(meeting["LOCATION"]) == "Buurthuis De Linde"
    # and nothing internal: no forecast reason, agreement, explanation or civil servant
    text = body.decode()
    for secret in ("aannemer failliet", "Aansluitaanbod", "wethouder", "Wilhelmina", "Ambtsdraagster", "Subsidie"):
        assert secret not in text, secret


def test_public_feed_of_a_draft_holds_its_meetings_only():
    # given a concept plan with a route and an upcoming meeting
    plan = PlanFactory(titel="Geheim warmteplan Zonnewijk")
    _route(plan)
    avond = BijeenkomstFactory(plan=plan, titel="Kennismaken met de buurt")
    # when anyone fetches its public feed
    body = _publiek(plan)
    # then it holds the meeting, no milestone, and not the plan's title
    assert set(_events(body)) == set(_second_parser(body)) == {f"bijeenkomst-{avond.pk}@gm0307.wijkproces"}
    assert "Geheim warmteplan" not in body.decode() and "Netverzwaring" not in body.decode()


def test_uids_stay_stable_across_fetches_and_a_forecast_move_raises_the_sequence():
    # given a published plan with a route, fetched once
    plan = PlanFactory(in_consultatie=True)
    items = _route(plan)
    first = _events(_publiek(plan))
    # when it is fetched again, unchanged, then it is the same feed event for event
    again = _events(_publiek(plan))
    assert {uid: e.to_ical() for uid, e in again.items()} == {uid: e.to_ical() for uid, e in first.items()}
    # when the forecast moves once more and the feed is fetched
    routekaart_services.prognose_verplaatsen(
        item=items["netverzwaring"], prognose=_vandaag() + dt.timedelta(days=35), reden="Levering kabels later"
    )
    after = _events(_publiek(plan))
    # then the same UIDs come back, the moved one with a higher SEQUENCE and the new date
    assert set(after) == set(first)
    uid = f"mijlpaal-{items['netverzwaring'].pk}@gm0307.wijkproces"
    assert after[uid]["SEQUENCE"] == first[uid]["SEQUENCE"] + 1 == 2
    assert after[uid].decoded("DTSTART") == _vandaag() + dt.timedelta(days=35)


def test_the_public_feed_of_an_unknown_plan_is_not_found():
    assert Client().get(reverse("portaal:agenda_publiek", args=[999999])).status_code == 404


# --- The parties' feed behind a token ----------------------------------------------------------


def test_a_valid_token_gives_the_parties_feed_with_milestones_agreements_and_meetings():
    # given a concept plan (parties work on the draft too) with a route, a meeting and a link
    plan = PlanFactory()
    items = _route(plan)
    avond = BijeenkomstFactory(plan=plan)
    token = _token(plan)
    # when the link is fetched without any session
    response = Client().get(reverse("portaal:agenda_partijen", kwargs={"token": token}))
    # then it is a calendar both parsers read, with every milestone, the agreement and the meeting
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    events, second = _events(body), _second_parser(body)
    expected = {
        f"mijlpaal-{m.pk}@gm0307.wijkproces" for m in (items["netverzwaring"], items["besluit"], items["gemist"])
    }
    expected |= {f"afspraak-{items['afspraak'].pk}@gm0307.wijkproces", f"bijeenkomst-{avond.pk}@gm0307.wijkproces"}
    assert set(events) == set(second) == expected
    # and the missed milestone is cancelled, on the date it was recorded missed, its SEQUENCE up
    gemist = events[f"mijlpaal-{items['gemist'].pk}@gm0307.wijkproces"]
    assert str(gemist["STATUS"]) == "CANCELLED"
    assert gemist.decoded("DTSTART") == _vandaag() - dt.timedelta(days=10)
    assert gemist["SEQUENCE"] == 1
    # and the agreement says what, who and when, all-day on its date
    belofte = events[f"afspraak-{items['afspraak'].pk}@gm0307.wijkproces"]
    assert str(belofte["SUMMARY"]) == f"Stedin → {items['afspraak'].ontvanger.naam}: Aansluitaanbod warmte"
    assert belofte.decoded("DTSTART") == _vandaag() + dt.timedelta(days=45)
    assert "Stedin levert aan" in str(belofte["DESCRIPTION"])
    # and no internal note or civil servant's name
    text = body.decode()
    for secret in ("aannemer failliet", "wethouder", "Wilhelmina", "Ambtsdraagster"):
        assert secret not in text, secret
    assert response["Cache-Control"] == "private, max-age=300"


@pytest.mark.parametrize("wrong", ["revoked", "unknown", "short", "other-plan-revoked"])
def test_a_revoked_or_wrong_token_is_not_found(wrong):
    # given a plan with a link that is revoked, and one that is still active
    plan = PlanFactory()
    _route(plan)
    revoked = _token(plan)
    services.agenda_token_revoke(agenda_token=AgendaToken.objects.get(token_hash=services.token_hash(revoked)))
    active = _token(plan)
    token = {
        "revoked": revoked,
        "unknown": active[:-2] + ("AA" if not active.endswith("AA") else "BB"),
        "short": "abc",
        "other-plan-revoked": revoked.upper(),
    }[wrong]
    # when the wrong link is fetched, then it is not found, with no content
    response = Client().get(reverse("portaal:agenda_partijen", kwargs={"token": token}))
    assert response.status_code == 404
    assert response.content == b""
    # and the active one still works
    assert Client().get(reverse("portaal:agenda_partijen", kwargs={"token": active})).status_code == 200


def test_a_wrong_token_is_not_written_to_the_logs(caplog):
    # given a token nobody issued
    token = "Zz" * 22
    # when it is tried
    with caplog.at_level(logging.DEBUG):
        assert Client().get(reverse("portaal:agenda_partijen", kwargs={"token": token})).status_code == 404
    # then the refusal is logged, without the token (Django would log the path of a 404)
    assert any(r.getMessage() == "portaal:agenda_partijen" for r in caplog.records)
    assert all(token not in r.getMessage() and token not in str(r.args) for r in caplog.records)


def test_only_the_hash_of_a_token_is_stored():
    plan = PlanFactory()
    row, token = services.agenda_token_create(plan=plan, label="Woningcorporatie")
    assert len(token) >= 43
    row.refresh_from_db()
    assert row.token_hash == services.token_hash(token) and token not in row.token_hash
    assert selectors.agenda_token_get(token=token) == row


def test_feeds_are_capped(monkeypatch):
    # given a plan with more milestones and meetings than the feed's caps
    monkeypatch.setattr(selectors, "MAX_FEED_MIJLPALEN", 3)
    monkeypatch.setattr(selectors, "MAX_FEED_BIJEENKOMSTEN", 2)
    plan = PlanFactory()
    for i in range(5):
        mijlpaal(plan, naam=f"Mijlpaal {i}", basisdatum=_vandaag() + dt.timedelta(days=10 + i))
        BijeenkomstFactory(plan=plan)
    # when the parties' feed is built, then it holds no more than the caps
    feed = selectors.agenda_partijen(plan=plan, vandaag=_vandaag())
    assert [i.soort for i in feed.items].count("mijlpaal") == 3
    assert [i.soort for i in feed.items].count("bijeenkomst") == 2


# --- The civil servants' page for the links ----------------------------------------------------


def test_a_civil_servant_creates_a_link_shown_once_and_revokes_it_after_confirming(client_for):
    # given a civil servant and a plan
    client = client_for(Role.AMBTENAAR)
    plan = PlanFactory()
    url = reverse("portaal:agenda_tokens", args=[plan.pk])
    # when they create a link for the grid operator
    response = client.post(url, {"label": "Netbeheerder Stedin"})
    # then the page shows the full link once, in Dutch, and never caches it
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kopieer de link nu" in html
    row = AgendaToken.objects.get(plan=plan)
    feed_url = html.split('id="nieuwe-link-url" type="text" readonly value="')[1].split('"')[0]
    assert feed_url.startswith("http://testserver/agenda/") and feed_url.endswith(".ics")
    token = feed_url.removeprefix("http://testserver/agenda/").removesuffix(".ics")
    assert row.token_hash == services.token_hash(token)
    assert response["Cache-Control"] == "no-store"
    # and it works for anyone who has it
    assert Client().get(feed_url.removeprefix("http://testserver")).status_code == 200
    # and the list shows it afterwards, without the token
    listing = client.get(url).content.decode()
    assert "Netbeheerder Stedin" in listing and token not in listing and "Actief" in listing
    # when they open revoke, a confirmation is asked and nothing changes yet
    revoke_url = reverse("portaal:agenda_token_revoke", args=[plan.pk, row.pk])
    assert revoke_url in listing
    confirmation = client.get(revoke_url).content.decode()
    assert "De link voor “Netbeheerder Stedin” intrekken?" in confirmation and "Link intrekken" in confirmation
    assert AgendaToken.objects.get(pk=row.pk).revoked_at is None
    # when they confirm
    response = client.post(revoke_url)
    # then the link is revoked and its feed is gone
    assert response.status_code == 302
    assert AgendaToken.objects.get(pk=row.pk).revoked_at is not None
    assert Client().get(feed_url.removeprefix("http://testserver")).status_code == 404
    assert "Ingetrokken op" in client.get(url).content.decode()


def test_a_link_needs_a_label(client_for):
    client = client_for(Role.AMBTENAAR)
    plan = PlanFactory()
    response = client.post(reverse("portaal:agenda_tokens", args=[plan.pk]), {"label": "  "})
    assert response.status_code == 200 and not AgendaToken.objects.exists()


def test_a_link_of_another_plan_cannot_be_revoked_through_this_plan(client_for):
    client = client_for(Role.AMBTENAAR)
    row, _ = services.agenda_token_create(plan=PlanFactory(), label="Netbeheerder")
    other = PlanFactory()
    response = client.post(reverse("portaal:agenda_token_revoke", args=[other.pk, row.pk]))
    assert response.status_code == 404
    assert AgendaToken.objects.get(pk=row.pk).revoked_at is None


@pytest.mark.parametrize("feed", ["publiek", "partijen"])
def test_feeds_take_the_same_number_of_queries_for_2_or_20_items(feed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for n in (2, 20):
        # given a published plan with n milestones, agreements and meetings
        plan = PlanFactory(in_consultatie=True)
        for i in range(n):
            mijlpaal(plan, naam=f"Stap {i}", basisdatum=_vandaag() + dt.timedelta(days=10 + i))
            afspraak(plan, wat=f"Levering {i}", basisdatum=_vandaag() + dt.timedelta(days=10 + i))
            BijeenkomstFactory(plan=plan)
        url = (
            reverse("portaal:agenda_publiek", args=[plan.pk])
            if feed == "publiek"
            else reverse("portaal:agenda_partijen", kwargs={"token": _token(plan)})
        )
        # when the feed is fetched
        with CaptureQueriesContext(connection) as ctx:
            assert Client().get(url).status_code == 200
        counts[n] = len(ctx.captured_queries)
    # then the number of queries does not depend on n
    assert counts[2] == counts[20], counts
    print(f"{feed} feed: {counts[20]} queries")
