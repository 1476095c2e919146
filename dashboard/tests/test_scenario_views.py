"""Scenarios ("Wat als?") on the plan page: computing by GET writes nothing, saving is for
civil servants, bad input is kept with a Dutch message, the page stays flat in queries."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.constants import Role
from dashboard import services
from dashboard.models import Scenario

from .factories import GebeurtenisFactory, PlanFactory, ScenarioFactory, TussendoelFactory
from .vingerafdruk import rijen_per_tabel


def _plan():
    """1,000 homes (the wijk's), 10 gas-free a month from July 2024 to June 2025: 120 so far,
    120 a year. A goal of 350 by the end of 2027. Computed for June 2025."""
    plan = PlanFactory(doeljaar_aardgasvrij=2035)
    for i in range(12):
        maand = dt.date(2024 + (6 + i) // 12, (6 + i) % 12 + 1, 10)
        GebeurtenisFactory(plan=plan, datum=maand, hoeveelheid=10)
    TussendoelFactory(
        plan=plan, omschrijving="350 woningen eind 2027", streefwaarde=350, deadline=dt.date(2027, 12, 31)
    )
    services.plan_recompute(plan_id=plan.id, vandaag=dt.date(2025, 6, 15))
    return plan


def _text(response) -> str:
    """The page with its whitespace collapsed (templates indent their text)."""
    return " ".join(response.content.decode().split())


def _url(plan, **query):
    url = reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id})
    return url, query


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.RAADSLID, Role.AMBTENAAR])
def test_what_if_by_get_computes_and_writes_no_row(role, client_for):
    # given a computed plan and a council member or civil servant
    plan = _plan()
    client = client_for(role)
    url, query = _url(plan, uitstel_maanden="12", tempo_pct="0", warmtenet_woningen="", warmtenet_vanaf="")
    client.get(url)  # warm the session
    before = rijen_per_tabel()
    # when they try a delay of 12 months, as a plain page and through htmx
    response = client.get(url, query)
    partial = client.get(url, query, headers={"HX-Request": "true", "HX-Target": "wat-als"})
    # then no row anywhere was written
    assert rijen_per_tabel() == before
    assert not Scenario.objects.exists()
    # and the page compares: 880 to go at 10 a month = 88 months after June 2025 = October
    # 2032; 12 months later = October 2033
    html = _text(response)
    section = html[html.index('id="wat-als"') :]
    assert "aardgasvrij in oktober 2032" in section
    assert "aardgasvrij in oktober 2033" in section.split('data-scenario="jaar"')[1][:200]
    # the goal (350 by the end of 2027): 120 + 300 = 420 now (hit), 120 + 180 = 300 later (missed)
    doel = section[section.index("data-doel=") :].split("</tr>")[0]
    assert "420 · gehaald" in doel and "300 · gemist" in doel
    assert 'data-chart="chart-scenario"' in section
    # the htmx answer is the section alone
    fragment = _text(partial)
    assert fragment.startswith('<section class="mb-4" id="wat-als"')
    assert "<html" not in fragment and "aardgasvrij in oktober 2033" in fragment


@pytest.mark.django_db
def test_bad_what_if_input_gets_a_dutch_message_at_the_field_and_keeps_the_values(client_for):
    plan = _plan()
    url, _ = _url(plan)
    response = client_for(Role.RAADSLID).get(
        url,
        {"uitstel_maanden": "121", "tempo_pct": "abc", "warmtenet_woningen": "5000", "warmtenet_vanaf": "2101-01"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="121"' in html and 'value="abc"' in html and 'value="5000"' in html
    errors = {
        name: html.split(f'data-scenario-fout="{name}">')[1].split("<")[0]
        for name in ("uitstel_maanden", "tempo_pct", "warmtenet_woningen", "warmtenet_vanaf")
    }
    assert errors["uitstel_maanden"] == "Zorg ervoor dat deze waarde hoogstens 120 is."
    assert errors["tempo_pct"] == "Vul een geheel getal in."
    assert errors["warmtenet_woningen"] == "Zorg ervoor dat deze waarde hoogstens 1000 is."
    assert errors["warmtenet_vanaf"] == "Vul een maand in als JJJJ-MM, van 2000-01 tot en met 2100-12."
    # no scenario computed, no save form
    assert 'data-scenario="jaar"' not in html and 'data-scenario="opslaan"' not in html


@pytest.mark.django_db
def test_a_heat_network_without_a_month_is_refused(client_for):
    plan = _plan()
    url, _ = _url(plan)
    html = client_for(Role.RAADSLID).get(url, {"warmtenet_woningen": "200"}).content.decode()
    message = html.split('data-scenario-fout="warmtenet_vanaf">')[1].split("<")[0]
    assert message == "Vul de maand in waarin het warmtenet deze woningen aansluit."


@pytest.mark.django_db
def test_civil_servant_saves_a_scenario_and_the_council_sees_it_read_only(client_for):
    # given a civil servant who computed a scenario
    plan = _plan()
    client = client_for(Role.AMBTENAAR)
    url, _ = _url(plan)
    page = client.get(url, {"warmtenet_woningen": "300", "warmtenet_vanaf": "2027-01", "uitstel_maanden": "6"})
    assert 'data-scenario="opslaan"' in page.content.decode()
    # when they save it under a name
    response = client.post(
        reverse("dashboard:scenario_save", kwargs={"plan_id": plan.id}),
        {
            "naam": "  Warmtenet fase 2  ",
            "warmtenet_woningen": "300",
            "warmtenet_vanaf": "2027-01-01",
            "uitstel_maanden": "6",
            "tempo_pct": "0",
        },
    )
    # then it is stored with its parameters and the page shows it filled in
    assert response.status_code == 302
    saved = Scenario.objects.get()
    assert (saved.plan_id, saved.naam, saved.created_by_id) == (plan.id, "Warmtenet fase 2", client.user.id)
    assert (saved.warmtenet_woningen, saved.warmtenet_vanaf, saved.uitstel_maanden, saved.tempo_pct) == (
        300,
        dt.date(2027, 1, 1),
        6,
        0,
    )
    assert response["Location"] == (
        f"{url}?warmtenet_woningen=300&warmtenet_vanaf=2027-01&uitstel_maanden=6&tempo_pct=0#wat-als"
    )
    filled = _text(client.get(response["Location"]))
    assert "Scenario ‘Warmtenet fase 2’" in filled
    # and a council member sees the saved scenario as a link, without save form or delete link
    council = client_for(Role.RAADSLID).get(response["Location"]).content.decode()
    assert 'aria-current="true">Warmtenet fase 2</a>' in council
    assert 'data-scenario="opslaan"' not in council
    assert reverse("dashboard:scenario_delete", kwargs={"scenario_id": saved.id}) not in council


@pytest.mark.django_db
def test_a_council_member_cannot_save_a_scenario(client_for):
    plan = _plan()
    response = client_for(Role.RAADSLID).post(
        reverse("dashboard:scenario_save", kwargs={"plan_id": plan.id}),
        {"naam": "Mag niet", "uitstel_maanden": "6", "tempo_pct": "0", "warmtenet_woningen": "0"},
    )
    assert response.status_code == 403
    assert response.wsgi_request.denied_by_access_policy
    assert not Scenario.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("naam", "message"),
    [
        ("", "Geef het scenario een naam."),
        ("a\x00b", "Null-tekens zijn niet toegestaan."),
        ("x" * 121, "Zorg dat deze waarde niet meer dan 120 tekens bevat (het zijn er nu 121)."),
        ("Bestaat al", "Dit plan heeft al een scenario met deze naam."),
    ],
)
def test_bad_save_input_is_kept_with_a_dutch_message(naam, message, client_for):
    plan = _plan()
    ScenarioFactory(plan=plan, naam="Bestaat al")
    client = client_for(Role.AMBTENAAR)
    response = client.post(
        reverse("dashboard:scenario_save", kwargs={"plan_id": plan.id}),
        {"naam": naam, "uitstel_maanden": "24", "tempo_pct": "50", "warmtenet_woningen": "0", "warmtenet_vanaf": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.split('data-scenario-fout="naam">')[1].split("<")[0] == message
    # the what-if stays filled in and computed; the name is kept (Django drops a NUL byte's value)
    assert 'value="24"' in html and 'value="50"' in html and 'data-scenario="jaar"' in html
    if "\x00" not in naam:
        assert f'value="{naam}"' in html
    assert Scenario.objects.count() == 1


@pytest.mark.django_db
def test_bad_parameters_in_a_save_are_shown_at_the_what_if_fields(client_for):
    plan = _plan()
    response = client_for(Role.AMBTENAAR).post(
        reverse("dashboard:scenario_save", kwargs={"plan_id": plan.id}),
        {"naam": "Te lang uitgesteld", "uitstel_maanden": "500", "tempo_pct": "0", "warmtenet_woningen": "0"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Scenario.objects.exists()
    assert 'value="500"' in html and 'value="Te lang uitgesteld"' in html
    assert 'data-scenario-fout="uitstel_maanden">Zorg ervoor dat deze waarde hoogstens 120 is.' in html


@pytest.mark.django_db
def test_the_service_checks_the_ranges_itself(ambtenaar):
    plan = _plan()
    cases = [
        ({"uitstel_maanden": 121}, "uitstel_maanden", "Vul een getal in van 0 tot en met 120."),
        ({"tempo_pct": -101}, "tempo_pct", "Vul een getal in van -100 tot en met 300."),
        ({"tempo_pct": "10"}, "tempo_pct", "Vul een geheel getal in."),
        (
            {"warmtenet_woningen": 1001, "warmtenet_vanaf": dt.date(2027, 1, 1)},
            "warmtenet_woningen",
            "Vul een getal in van 0 tot en met 1000.",
        ),
        ({"warmtenet_woningen": 5}, "warmtenet_vanaf", "Vul de maand in waarin het warmtenet deze woningen aansluit."),
        (
            {"warmtenet_woningen": 5, "warmtenet_vanaf": dt.date(1999, 12, 1)},
            "warmtenet_vanaf",
            "Vul een maand in van 2000-01 tot en met 2100-12.",
        ),
        ({"naam": "a\x00b"}, "naam", "De naam bevat een teken dat niet is toegestaan."),
        ({"naam": "   "}, "naam", "Geef het scenario een naam."),
    ]
    for kwargs, field, message in cases:
        with pytest.raises(ValidationError) as exc:
            services.scenario_opslaan(**({"plan_id": plan.id, "naam": "Test", "door": ambtenaar} | kwargs))
        assert exc.value.message_dict == {field: [message]}, kwargs
    assert not Scenario.objects.exists()
    # the month is stored as its first day; without extra homes no month is kept
    saved = services.scenario_opslaan(
        plan_id=plan.id, naam="Goed", warmtenet_woningen=10, warmtenet_vanaf=dt.date(2027, 3, 15), door=ambtenaar
    )
    assert saved.warmtenet_vanaf == dt.date(2027, 3, 1)
    zonder = services.scenario_opslaan(
        plan_id=plan.id, naam="Zonder", warmtenet_vanaf=dt.date(2027, 3, 1), door=ambtenaar
    )
    assert zonder.warmtenet_vanaf is None


@pytest.mark.django_db
def test_delete_asks_first_and_is_for_civil_servants_only(client_for):
    saved = ScenarioFactory(plan=_plan())
    url = reverse("dashboard:scenario_delete", kwargs={"scenario_id": saved.id})
    # a council member is denied
    assert client_for(Role.RAADSLID).post(url).status_code == 403
    client = client_for(Role.AMBTENAAR)
    # the GET asks, and deletes nothing
    page = client.get(url)
    assert page.status_code == 200 and saved.naam in page.content.decode()
    assert Scenario.objects.filter(id=saved.id).exists()
    # the POST deletes and returns to the plan page
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/plan/{saved.plan_id}/#wat-als")
    assert not Scenario.objects.exists()
    assert client.post(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 15])
def test_plan_page_with_a_scenario_does_not_grow_per_saved_scenario(n, client_for, django_assert_num_queries):
    # given a plan with n saved scenarios, one of them shown
    plan = _plan()
    scenarios = [ScenarioFactory(plan=plan, naam=f"Scenario {i:02d}", tempo_pct=i) for i in range(n)]
    client = client_for(Role.RAADSLID)
    url, _ = _url(plan)
    client.get(url)
    query = {"warmtenet_woningen": 300, "warmtenet_vanaf": "2027-01", "uitstel_maanden": 6, "tempo_pct": 0}
    # when the page is opened with the scenario / then the same number of queries as the plan
    # page without one (test_views): the saved scenarios are one of them
    with django_assert_num_queries(16):
        response = client.get(url, query)
    html = response.content.decode()
    assert html.count('data-scenario="opgeslagen"') == 1
    assert all(s.naam in html for s in scenarios)
    assert 'data-scenario="jaar"' in html
