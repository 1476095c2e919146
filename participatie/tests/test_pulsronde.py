"""The civil servants' pulse round: fixed statements, single-use codes, one anonymous pulse event."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.constants import Role
from logboek.constants import GebeurtenisType
from logboek.models import Gebeurtenis
from participatie import selectors, services
from participatie.constants import Doelgroep, Toegang, VraagType, VragenlijstStatus
from participatie.models import Respons, Uitnodigingscode
from participatie.tests.helpers import template_survey
from wup.tests.factories import PlanFactory

PULS_TEKSTEN = [
    "We weten wat er in de wijk speelt.",
    "We sturen bij als iets niet goed gaat.",
    "De partijen in dit plan werken goed samen.",
    "Ik heb wat ik nodig heb voor mijn werk aan dit plan.",
]


def _answers(vragenlijst, *scores):
    vragen = list(vragenlijst.vragen.order_by("volgorde"))
    return {v.pk: str(s) for v, s in zip(vragen, scores, strict=True)}


@pytest.mark.django_db
def test_a_pulse_round_has_the_fixed_statements_and_n_codes(ambtenaar):
    # given a plan
    plan = PlanFactory()
    # when a civil servant starts a pulse round with 12 codes
    vragenlijst, codes = services.pulsronde_create(plan=plan, door=ambtenaar, n_codes=12)
    # then it is an open, code-only survey for civil servants with the four fixed statements (in Dutch)
    vragenlijst.refresh_from_db()
    assert (vragenlijst.doelgroep, vragenlijst.status, vragenlijst.toegang) == (
        Doelgroep.AMBTENAREN_PULS,
        VragenlijstStatus.OPEN,
        Toegang.CODES,
    )
    vragen = list(vragenlijst.vragen.order_by("volgorde"))
    assert [v.tekst for v in vragen] == PULS_TEKSTEN
    assert all(v.type == VraagType.LIKERT and v.verplicht for v in vragen)
    assert vragenlijst.titel == "Pulsmeting: sturen we goed bij?"
    # and 12 distinct codes, stored only as hashes
    assert len(set(codes)) == 12
    assert Uitnodigingscode.objects.filter(vragenlijst=vragenlijst).count() == 12
    assert not Uitnodigingscode.objects.filter(code_hash__in=codes).exists()
    # and the residents' public page never offers it
    assert selectors.open_vragenlijst_for_plan(plan=plan) is None


@pytest.mark.django_db
@pytest.mark.parametrize("n", [0, services.MAX_CODES_PER_RUN + 1])
def test_a_pulse_round_needs_a_sensible_number_of_codes(n):
    plan = PlanFactory()
    with pytest.raises(ValidationError) as exc:
        services.pulsronde_create(plan=plan, n_codes=n)
    assert set(exc.value.message_dict) == {"n_codes"}
    assert not plan.vragenlijsten.exists()  # nothing half made


@pytest.mark.django_db
def test_a_pulse_response_appends_one_anonymous_pulse_event_and_no_resident_response(django_assert_num_queries):
    # given a pulse round, at a known moment
    plan = PlanFactory()
    with time_machine.travel(dt.datetime(2025, 5, 14, 15, 37, 12, tzinfo=dt.UTC), tick=False):
        vragenlijst, codes = services.pulsronde_create(plan=plan, n_codes=3)
        # when a civil servant answers 4, 3, 5, 4 with a code
        respons = services.respons_submit(
            vragenlijst=vragenlijst, answers=_answers(vragenlijst, 4, 3, 5, 4), code=codes[0], sleutel="k" * 32
        )
    # then exactly one event: the pulse with the mean score, nothing else
    event = Gebeurtenis.objects.get()
    assert event.type == GebeurtenisType.AMBTENAREN_PULS
    assert event.payload == {"score": 4.0}
    assert not Gebeurtenis.objects.filter(type=GebeurtenisType.ENQUETE_RESPONS).exists()
    # with nothing that identifies the respondent: no user, no code, no response id, the day only
    assert event.geregistreerd_door is None
    assert event.datum == dt.date(2025, 5, 14)
    # the event's key is random: it names neither the response nor the code
    assert re.fullmatch(r"puls-[0-9a-f]{32}", event.extern_id), event.extern_id
    assert event.extern_id != f"respons-{respons.pk}"
    assert not any(code.replace("-", "") in event.extern_id.upper() for code in codes)
    # and the response and the code's use keep only the day, not the moment
    respons.refresh_from_db()
    used = Uitnodigingscode.objects.get(used_at__isnull=False)
    for moment in (respons.submitted_at, used.used_at):
        assert moment.astimezone(dt.UTC) == dt.datetime(2025, 5, 13, 22, 0, tzinfo=dt.UTC)  # midnight in Amsterdam


@pytest.mark.django_db
def test_the_pulse_is_the_mean_of_the_statements_rounded_to_three_decimals():
    vragenlijst, codes = services.pulsronde_create(plan=PlanFactory(), n_codes=1)
    services.respons_submit(vragenlijst=vragenlijst, answers=_answers(vragenlijst, 5, 4, 4, 4), code=codes[0])
    assert Gebeurtenis.objects.get().payload == {"score": 4.25}
    assert services.puls_score([1, 2, 2]) == 1.667
    assert services.puls_score([]) is None


@pytest.mark.django_db
def test_a_pulse_code_works_once():
    # given a round and a code already used
    vragenlijst, codes = services.pulsronde_create(plan=PlanFactory(), n_codes=2)
    services.respons_submit(vragenlijst=vragenlijst, answers=_answers(vragenlijst, 4, 4, 4, 4), code=codes[0])
    # when the same code is used again
    with pytest.raises(ValidationError) as exc:
        services.respons_submit(vragenlijst=vragenlijst, answers=_answers(vragenlijst, 1, 1, 1, 1), code=codes[0])
    # then it is refused with the one code message and nothing more is stored
    assert set(exc.value.message_dict) == {"code"}
    assert Respons.objects.count() == 1
    assert Gebeurtenis.objects.count() == 1
    # and without a code there is no answer either
    with pytest.raises(ValidationError):
        services.respons_submit(vragenlijst=vragenlijst, answers=_answers(vragenlijst, 1, 1, 1, 1))
    assert Gebeurtenis.objects.count() == 1


@pytest.mark.django_db
def test_all_statements_are_required():
    vragenlijst, codes = services.pulsronde_create(plan=PlanFactory(), n_codes=1)
    answers = _answers(vragenlijst, 4, 4, 4, 4)
    answers.pop(next(iter(answers)))
    with pytest.raises(ValidationError):
        services.respons_submit(vragenlijst=vragenlijst, answers=answers, code=codes[0])
    assert not Gebeurtenis.objects.exists()


@pytest.mark.django_db
def test_a_resident_response_still_appends_its_survey_event_and_no_pulse():
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    from participatie.tests.helpers import answers_for

    services.respons_submit(vragenlijst=vragenlijst, answers=answers_for(vragenlijst))
    assert list(Gebeurtenis.objects.values_list("type", flat=True)) == [GebeurtenisType.ENQUETE_RESPONS]


@pytest.mark.django_db
def test_the_questions_of_a_pulse_round_are_fixed():
    vragenlijst, _ = services.pulsronde_create(plan=PlanFactory(), n_codes=1)
    vraag = vragenlijst.vragen.first()
    refusals = [
        lambda: services.vraag_create(vragenlijst=vragenlijst, type=VraagType.LIKERT, tekst="Extra"),
        lambda: services.vraag_update(vraag=vraag, tekst="Anders"),
        lambda: services.vraag_delete(vraag=vraag),
        lambda: services.vraag_move(vraag=vraag, richting="omlaag"),
        lambda: services.vragenlijst_update(vragenlijst=vragenlijst, toegang=Toegang.OPEN_LINK),
    ]
    for refuse in refusals:
        with pytest.raises(ValidationError):
            refuse()
    assert [v.tekst for v in vragenlijst.vragen.order_by("volgorde")] == PULS_TEKSTEN


@pytest.mark.django_db
def test_a_pulse_round_is_answered_through_the_anonymous_pages(client, settings):
    # given a round and a code, and no account
    settings.PARTICIPATIE_MIN_FILL_SECONDS = 0
    vragenlijst, codes = services.pulsronde_create(plan=PlanFactory(), n_codes=1)
    # when the code is typed on the code page and the statements are answered
    response = client.post(reverse("participatie:vragenlijst_code", args=[vragenlijst.slug]), {"code": codes[0]})
    assert response.status_code == 302
    data = {f"vraag_{v.pk}": "2" for v in vragenlijst.vragen.all()}
    response = client.post(reverse("participatie:vragenlijst_pagina", args=[vragenlijst.slug, 1]), data)
    # then the thank-you page follows and exactly one pulse event is stored
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(Gebeurtenis.objects.values_list("type", "payload")) == [
        (GebeurtenisType.AMBTENAREN_PULS, {"score": 2.0})
    ]


# --- The civil servants' page ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_civil_servant_starts_a_pulse_round_and_downloads_its_codes_once(client_for):
    # given a civil servant on the plan's pulse page
    plan = PlanFactory()
    client = client_for(Role.AMBTENAAR)
    url = reverse("participatie:pulsronde_create", args=[plan.pk])
    html = client.get(url).content.decode()
    # then it names the fixed statements, in Dutch
    assert "Pulsmeting voor ambtenaren" in html
    assert all(tekst in html for tekst in PULS_TEKSTEN)
    # when a round with 11 codes is started as CSV
    response = client.post(url, {"n": 11, "formaat": "csv"})
    # then the CSV holds 11 codes, each with its letter URL, and the round exists with 11 codes
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = response.content.decode().strip().splitlines()
    vragenlijst = plan.vragenlijsten.get()
    assert rows[0] == "code,url" and len(rows) == 12
    assert all(f"/participatie/v/{vragenlijst.slug}/code/#code=" in row for row in rows[1:])
    assert vragenlijst.doelgroep == Doelgroep.AMBTENAREN_PULS and vragenlijst.codes.count() == 11
    # and a code from the download answers the round once
    code = rows[1].split(",")[0]
    services.respons_submit(vragenlijst=vragenlijst, answers=_answers(vragenlijst, 3, 3, 3, 3), code=code)
    with pytest.raises(ValidationError):
        services.respons_submit(vragenlijst=vragenlijst, answers=_answers(vragenlijst, 3, 3, 3, 3), code=code)
    # and the page lists the round with its one response
    html = client.get(url).content.decode()
    assert reverse("participatie:vragenlijst_detail", args=[vragenlijst.pk]) in html


@pytest.mark.django_db
def test_the_pulse_letters_address_a_colleague(client_for):
    from django.test import RequestFactory

    from participatie.views.ambtenaar import letters_document

    plan = PlanFactory()
    response = client_for(Role.AMBTENAAR).post(
        reverse("participatie:pulsronde_create", args=[plan.pk]), {"n": 2, "formaat": "pdf"}
    )
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    vragenlijst = plan.vragenlijsten.get()
    document = letters_document(RequestFactory().get("/"), vragenlijst, ["code-een", "code-twee"])
    assert len(document.pages) == 2
    from django.template.loader import render_to_string

    html = render_to_string(
        "participatie/brieven_pdf.html", {"vragenlijst": vragenlijst, "brieven": [{"code": "X"}], "puls": True}
    )
    assert "Beste collega," in html and "Beste bewoner," not in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.RAADSLID, Role.BEHEERDER, None])
def test_only_civil_servants_reach_the_pulse_page(client_for, role):
    plan = PlanFactory()
    client = client_for(role)
    url = reverse("participatie:pulsronde_create", args=[plan.pk])
    for response in (client.get(url), client.post(url, {"n": 10, "formaat": "csv"})):
        assert response.status_code in (302, 403)
        assert "code,url" not in response.content.decode()
    assert not plan.vragenlijsten.exists()


@pytest.mark.django_db
def test_the_pulse_page_of_an_unknown_plan_is_404(client_for):
    response = client_for(Role.AMBTENAAR).get(reverse("participatie:pulsronde_create", args=[999999]))
    assert response.status_code == 404


def test_a_pulse_rounds_page_offers_no_question_edits(client_for):
    from wup.tests.factories import PlanFactory

    vragenlijst, _ = services.pulsronde_create(plan=PlanFactory(in_consultatie=True), n_codes=10)
    html = client_for(Role.AMBTENAAR).get(reverse("participatie:vragenlijst_detail", args=[vragenlijst.pk])).content
    html = html.decode()
    assert 'id="puls-vast"' in html
    assert reverse("participatie:vraag_create", args=[vragenlijst.pk]) not in html
    for vraag in vragenlijst.vragen.all():
        assert reverse("participatie:vraag_update", args=[vraag.pk]) not in html
        assert reverse("participatie:vraag_delete", args=[vraag.pk]) not in html
