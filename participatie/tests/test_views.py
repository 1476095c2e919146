import csv
import io
import re
import time

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from core.constants import RESIDENT_SESSION_KEY, Role
from logboek.constants import GebeurtenisType
from logboek.models import Gebeurtenis
from participatie import services
from participatie.constants import Toegang, VraagType, VragenlijstStatus
from participatie.models import Respons, Uitnodigingscode, Vragenlijst
from participatie.tests.factories import BijeenkomstFactory, VragenlijstFactory
from wup.tests.factories import PlanFactory

from .helpers import answers_for, template_survey, walk_pages

pytestmark = pytest.mark.django_db


def test_letter_url_exchanges_the_code_and_redirects_it_out_of_the_url():
    # given a letter code
    vragenlijst = template_survey()
    [code] = services.codes_generate(vragenlijst=vragenlijst, n=1)
    client = Client()
    # when the resident opens the letter URL
    response = client.get(reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]) + f"?code={code}")
    # then they are redirected to the introduction without the code, and the session holds it
    assert response.status_code == 302
    assert code not in response["Location"]
    assert response["Location"] == reverse("participatie:vragenlijst_start", args=[vragenlijst.slug])
    assert client.session[RESIDENT_SESSION_KEY]["vragenlijst"] == vragenlijst.pk
    # and the code is not used yet
    assert not Uitnodigingscode.objects.filter(used_at__isnull=False).exists()
    # and the introduction says who asks, why, how long and what happens with the answers,
    # with a button to the questions instead of the code form
    intro = client.get(response["Location"]).content.decode()
    for zin in ("Wie vraagt het?", "Waarom?", "Hoe lang duurt het?", "Wat gebeurt er met uw antwoorden?"):
        assert zin in intro, zin
    assert 'name="code"' not in intro
    verder = client.post(response["Location"])
    assert verder["Location"] == reverse("participatie:vragenlijst_pagina", args=[vragenlijst.slug, 1])


def test_a_resident_answers_all_pages_and_cannot_submit_twice():
    # given a resident who entered a valid code on the code page
    vragenlijst = template_survey()
    [code] = services.codes_generate(vragenlijst=vragenlijst, n=1)
    client = Client()
    response = client.post(reverse("participatie:vragenlijst_code", args=[vragenlijst.slug]), {"code": code})
    assert response.status_code == 302
    # when they answer every page
    response = walk_pages(client, vragenlijst, answers_for(vragenlijst))
    # then they see the thanks page, one response and one event exist, the code is used
    assert response["Location"] == reverse("participatie:vragenlijst_bedankt", args=[vragenlijst.slug])
    assert "Bedankt" in client.get(response["Location"]).content.decode()
    assert Respons.objects.count() == 1
    assert Gebeurtenis.objects.filter(type=GebeurtenisType.ENQUETE_RESPONS).count() == 1
    assert code not in str(dict(client.session))
    # and a second attempt (same session, or the letter URL again in a new browser) is refused
    again = client.get(reverse("participatie:vragenlijst_pagina", args=[vragenlijst.slug, 1]))
    assert "al ingevuld" in again.content.decode()
    other = Client()
    letter = other.get(
        reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]) + f"?code={code}", follow=True
    )
    assert str(services.CODE_ONGELDIG) in letter.content.decode()
    assert Respons.objects.count() == 1


def test_a_wrong_code_gets_the_same_message_at_the_field_and_changes_nothing():
    # given a survey
    vragenlijst = template_survey()
    services.codes_generate(vragenlijst=vragenlijst, n=1)
    # when a forged code is entered
    response = Client().post(reverse("participatie:vragenlijst_code", args=[vragenlijst.slug]), {"code": "verzonnen"})
    # then the form shows the one message, status 200, nothing stored
    assert response.status_code == 200
    assert str(services.CODE_ONGELDIG) in response.content.decode()
    assert Respons.objects.count() == 0


def test_a_code_typed_from_the_letter_in_lower_case_with_spaces_is_accepted():
    # given a printed (grouped) code
    vragenlijst = template_survey()
    [code] = services.codes_generate(vragenlijst=vragenlijst, n=1)
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){2}[0-9A-HJKMNP-TV-Z]{4}", code)
    # when a resident types it in lower case with spaces instead of dashes
    typed = code.lower().replace("-", " ")
    response = Client().post(reverse("participatie:vragenlijst_code", args=[vragenlijst.slug]), {"code": typed})
    # then they can start: first the introduction
    assert response.status_code == 302
    assert response["Location"] == reverse("participatie:vragenlijst_start", args=[vragenlijst.slug])


def test_an_invalid_answer_shows_a_message_at_the_field_and_keeps_the_other_answers():
    # given a resident on page 1
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    client = Client()
    client.post(reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]))
    vragen = list(vragenlijst.vragen.order_by("volgorde"))[:4]
    data = {f"vraag_{v.pk}": "" for v in vragen}
    data[f"vraag_{vragen[2].pk}"] = "4"  # required item 1 (index 1) left empty
    data[f"vraag_{vragen[0].pk}"] = str(vragen[0].opties.first().pk)
    # when the page is sent with a required answer missing
    response = client.post(reverse("participatie:vragenlijst_pagina", args=[vragenlijst.slug, 1]), data)
    # then the page is shown again with the message at the field and the given answers kept
    html = response.content.decode()
    assert response.status_code == 200
    assert str(services.VERPLICHT) in html
    assert re.search(r'<input[^>]*value="4"[^>]*checked', html) or re.search(r'<input[^>]*checked[^>]*value="4"', html)
    assert Respons.objects.count() == 0


@override_settings(PARTICIPATIE_MIN_FILL_SECONDS=0)
def test_honeypot_filled_stores_nothing_but_thanks():
    # given an open-link survey started by a bot
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    client = Client()
    client.post(reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]))
    # when it fills the hidden field
    response = walk_pages(client, vragenlijst, answers_for(vragenlijst), extra={"website": "http://spam.example"})
    # then it is thanked and nothing is stored
    assert response["Location"].endswith("/bedankt/")
    assert Respons.objects.count() == 0


def test_too_fast_open_link_submission_is_refused_with_a_message():
    # given an open-link survey and a resident who started just now
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    client = Client()
    client.post(reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]))
    # when all pages are sent within the minimum fill time
    response = walk_pages(client, vragenlijst, answers_for(vragenlijst))
    # then the last page shows a message and nothing is stored; after the wait it goes through
    assert response.status_code == 200
    assert "erg snel" in response.content.decode()
    assert Respons.objects.count() == 0
    session = client.session
    session[RESIDENT_SESSION_KEY]["gestart"] = time.time() - 10
    session.save()
    assert walk_pages(client, vragenlijst, answers_for(vragenlijst)).status_code == 302
    assert Respons.objects.count() == 1


@override_settings(PARTICIPATIE_MIN_FILL_SECONDS=0, PARTICIPATIE_RATE_LIMIT_PER_MINUTE=2)
def test_open_link_is_rate_limited_per_survey():
    # given an open-link survey with a limit of 2 per minute
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    statuses = []
    for _ in range(3):
        client = Client()
        client.post(reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]))
        # when three browsers submit within a minute
        statuses.append(walk_pages(client, vragenlijst, answers_for(vragenlijst)).status_code)
    # then the third gets a friendly 429 and is not stored
    assert statuses == [302, 302, 429]
    assert Respons.objects.count() == 2


@override_settings(PARTICIPATIE_MIN_FILL_SECONDS=0, PARTICIPATIE_CLIENT_LIMIT=1)
def test_a_refused_submit_keeps_the_answers_and_says_when_to_try_again():
    # given a client that already sent a response to this open-link survey
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    first = Client(REMOTE_ADDR="192.0.2.10")
    first.post(reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]))
    walk_pages(first, vragenlijst, answers_for(vragenlijst))
    # when a second resident on the same connection sends theirs
    client = Client(REMOTE_ADDR="192.0.2.10")
    client.post(reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]))
    answers = answers_for(vragenlijst)
    response = walk_pages(client, vragenlijst, answers)
    # then it is refused with the time to wait, a way back, and the answers kept
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    html = response.content.decode()
    assert "Probeer het over" in html and "Terug naar uw antwoorden" in html
    assert Respons.objects.count() == 1
    kept = client.session[RESIDENT_SESSION_KEY]["antwoorden"]
    assert len(kept) == len(answers)
    # and another connection is not affected
    other = Client(REMOTE_ADDR="192.0.2.11")
    other.post(reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]))
    assert walk_pages(other, vragenlijst, answers_for(vragenlijst)).status_code == 302


def test_closed_and_unknown_surveys_get_friendly_pages_and_change_nothing():
    # given a closed survey and an unknown slug
    closed = VragenlijstFactory(status=VragenlijstStatus.GESLOTEN)
    client = Client()
    # when they are opened or posted to, then 410 / 404 with a friendly text
    for method in ("get", "post"):
        r = getattr(client, method)(reverse("participatie:vragenlijst_start", args=[closed.slug]))
        assert r.status_code == 410 and "gesloten" in r.content.decode()
        r = getattr(client, method)(reverse("participatie:vragenlijst_pagina", args=["onbekend", 1]))
        assert r.status_code == 404 and "niet vinden" in r.content.decode()
    assert RESIDENT_SESSION_KEY not in client.session
    assert Respons.objects.count() == 0


def test_civil_servant_builds_opens_generates_codes_and_sees_results(client_for):
    # given a civil servant and a plan
    client = client_for(Role.AMBTENAAR)
    plan = PlanFactory()
    # when they create a survey from the template, add a number question and open it
    r = client.post(reverse("participatie:vragenlijst_list", args=[plan.pk]), {"basis": "sjabloon", "toegang": "codes"})
    vragenlijst = Vragenlijst.objects.get(plan=plan)
    assert r["Location"] == reverse("participatie:vragenlijst_detail", args=[vragenlijst.pk])
    r = client.post(
        reverse("participatie:vraag_create", args=[vragenlijst.pk]),
        {
            "tekst": "Hoeveel mensen wonen er in uw huis?",
            "type": VraagType.GETAL,
            "dimensie": "geen",
            "min_waarde": 1,
            "max_waarde": 12,
        },
    )
    assert r.status_code == 302
    client.post(reverse("participatie:vragenlijst_status", args=[vragenlijst.pk]), {"status": "open"})
    vragenlijst.refresh_from_db()
    assert vragenlijst.status == VragenlijstStatus.OPEN
    # and generate 3 codes as CSV
    r = client.post(reverse("participatie:codes_generate", args=[vragenlijst.pk]), {"n": 3, "formaat": "csv"})
    rows = list(csv.reader(io.StringIO(r.content.decode())))
    assert rows[0] == ["code", "url"] and len(rows) == 4
    assert all(row[1].endswith(f"/code/#code={row[0]}") for row in rows[1:])
    # then the detail, results and export pages render
    assert client.get(reverse("participatie:vragenlijst_detail", args=[vragenlijst.pk])).status_code == 200
    assert client.get(reverse("participatie:vragenlijst_resultaten", args=[vragenlijst.pk])).status_code == 200
    assert client.get(reverse("participatie:vragenlijst_export", args=[vragenlijst.pk])).status_code == 200


def test_letters_pdf_has_one_page_per_code(client_for):
    # given an open code survey
    client = client_for(Role.AMBTENAAR)
    vragenlijst = template_survey()
    # when 3 letters are printed
    r = client.post(reverse("participatie:codes_generate", args=[vragenlijst.pk]), {"n": 3, "formaat": "pdf"})
    # then a PDF with 3 pages comes back
    assert r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    # and it is a tagged PDF in Dutch with its title (EN 301 549: the letters go to residents)
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(r.content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"] and root["/Lang"] == "nl"
    assert reader.metadata.title.startswith("Brieven")
    # and the letters document has one page per code, each with its own code
    from django.test import RequestFactory

    from participatie.views.ambtenaar import letters_document

    codes = ["code-een", "code-twee", "code-drie"]
    document = letters_document(RequestFactory().get("/"), vragenlijst, codes)
    assert len(document.pages) == 3


def test_question_edit_refused_after_responses_shows_explanation(client_for):
    # given a survey with a response
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    services.respons_submit(vragenlijst=vragenlijst, answers=answers_for(vragenlijst))
    vraag = vragenlijst.vragen.get(type=VraagType.MEERKEUZE)
    # when the civil servant tries to drop an option
    r = client_for(Role.AMBTENAAR).post(
        reverse("participatie:vraag_update", args=[vraag.pk]),
        {"tekst": vraag.tekst, "type": vraag.type, "dimensie": vraag.dimensie, "opties": "Brief\nE-mail"},
    )
    # then the form explains why and keeps the input
    assert r.status_code == 200
    assert "al antwoorden" in r.content.decode()
    assert vraag.opties.count() == 5


def test_meeting_marked_held_via_the_page_appends_an_event(client_for):
    # given a past meeting
    bijeenkomst = BijeenkomstFactory(voorbij=True)
    # when a civil servant marks it held
    r = client_for(Role.AMBTENAAR).post(
        reverse("participatie:bijeenkomst_gehouden", args=[bijeenkomst.pk]), {"aantal_bezoekers": 31}
    )
    # then one event with 31 attendees exists
    assert r.status_code == 302
    assert Gebeurtenis.objects.get(type=GebeurtenisType.BIJEENKOMST_GEHOUDEN).hoeveelheid == 31


def test_public_page_shows_status_meetings_and_survey_link_without_internal_data():
    # given a plan with an open survey, an upcoming and a past meeting
    plan = PlanFactory()
    vragenlijst = template_survey(plan=plan, toegang=Toegang.OPEN_LINK)
    BijeenkomstFactory(plan=plan, titel="Keukentafel bij de Linde")
    BijeenkomstFactory(plan=plan, titel="Oude avond", voorbij=True)
    # when anyone opens the public page
    r = Client().get(reverse("portaal:publiek", args=[plan.pk]))
    html = r.content.decode()
    # then it shows the upcoming meeting and the survey link, not the past meeting or results
    assert r.status_code == 200
    assert "Keukentafel bij de Linde" in html and "Oude avond" not in html
    assert reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]) in html
    assert "resultaten" not in html.lower()


def test_meeting_page_has_two_separate_forms_with_unique_ids(client_for):
    # given a past meeting that has not been marked held
    bijeenkomst = BijeenkomstFactory(voorbij=True)
    # when a civil servant opens it
    html = client_for(Role.AMBTENAAR).get(reverse("participatie:bijeenkomst_update", args=[bijeenkomst.pk])).content
    html = html.decode()
    # then the edit form and the mark-held form are not nested and no id appears twice
    assert html.count("<form") == html.count("</form>")
    main = html[html.index("<main") :]
    assert re.findall(r"<form[^>]*>", main) == [
        f'<form method="post" action="{reverse("participatie:bijeenkomst_update", args=[bijeenkomst.pk])}">',
        f'<form method="post" action="{reverse("participatie:bijeenkomst_gehouden", args=[bijeenkomst.pk])}">',
    ]
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def _max_form_depth(html: str) -> int:
    depth = deepest = 0
    for tag in re.findall(r"</?form\b", html):
        depth += -1 if tag.startswith("</") else 1
        deepest = max(deepest, depth)
    return deepest


def test_resident_code_forms_are_not_nested():
    # given an open code survey
    vragenlijst = template_survey()
    client = Client()
    # when a resident opens the start page and the code page
    for name in ("participatie:vragenlijst_start", "participatie:vragenlijst_code"):
        html = client.get(reverse(name, args=[vragenlijst.slug])).content.decode()
        # then each form stands on its own (a nested <form> is dropped by the browser)
        assert _max_form_depth(html) == 1, name
