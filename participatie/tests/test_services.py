import datetime as dt
import hashlib
import math
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.utils import timezone

from logboek.constants import GebeurtenisType
from logboek.models import Gebeurtenis
from participatie import services
from participatie.constants import Dimensie, Toegang, VraagType, VragenlijstStatus
from participatie.models import Antwoord, Respons, Uitnodigingscode, Vraag
from participatie.services import CODE_ONGELDIG
from wup.tests.factories import PlanFactory

from .factories import BijeenkomstFactory, VragenlijstFactory
from .helpers import answers_for, survey_with_question, template_survey

pytestmark = pytest.mark.django_db


# --- Every question type, valid and invalid ----------------------------------------------------

CASES = [
    # (type, extra kwargs, valid raw, stored, invalid raws)
    (VraagType.LIKERT, {}, "4", {"getal": 4}, ["0", "6", "x", "2.5"]),
    (VraagType.JA_NEE, {}, "ja", {"getal": 1}, ["misschien", "2"]),
    (VraagType.GETAL, {"min_waarde": 0, "max_waarde": 10}, "7", {"getal": 7}, ["-1", "11", "zeven", "3.5"]),
    (VraagType.KORTE_TEKST, {}, "  Prima  ", {"tekst": "Prima"}, ["x" * 201]),
    (VraagType.LANGE_TEKST, {}, "Lang verhaal", {"tekst": "Lang verhaal"}, ["x" * 5001]),
]


@pytest.mark.parametrize(("type_", "extra", "valid", "stored", "invalid"), CASES, ids=[c[0] for c in CASES])
def test_each_scalar_type_accepts_valid_and_refuses_invalid_answers(type_, extra, valid, stored, invalid):
    # given a required question of the type
    _, vraag = survey_with_question(type=type_, tekst="Vraag", verplicht=True, **extra)
    # when / then a valid answer is normalised
    assert services.antwoord_clean(vraag=vraag, raw=valid) == stored
    # and every invalid answer and an empty one are refused with a message
    for raw in [*invalid, "", None]:
        with pytest.raises(ValidationError):
            services.antwoord_clean(vraag=vraag, raw=raw)


def test_single_choice_accepts_one_own_option_only():
    # given two single-choice questions
    _, vraag = survey_with_question(
        type=VraagType.ENKELE_KEUZE, tekst="Woning", opties=["Koop", "Huur"], verplicht=True
    )
    _, other = survey_with_question(type=VraagType.ENKELE_KEUZE, tekst="Ander", opties=["A", "B"])
    own = [o.pk for o in vraag.opties.all()]
    # then its own option is fine
    assert services.antwoord_clean(vraag=vraag, raw=str(own[0])) == {"opties": [own[0]]}
    # and two options, another question's option, or nonsense are refused
    for raw in [[str(own[0]), str(own[1])], str(other.opties.first().pk), "abc", ""]:
        with pytest.raises(ValidationError):
            services.antwoord_clean(vraag=vraag, raw=raw)


def test_multiple_choice_accepts_several_own_options_only():
    # given a multiple-choice question
    _, vraag = survey_with_question(type=VraagType.MEERKEUZE, tekst="Kanalen", opties=["Brief", "Mail", "Site"])
    ids = [o.pk for o in vraag.opties.all()]
    # then several of its own options are fine, and empty is fine when not required
    assert services.antwoord_clean(vraag=vraag, raw=[str(ids[2]), str(ids[0])]) == {"opties": [ids[0], ids[2]]}
    assert services.antwoord_clean(vraag=vraag, raw=[]) is None
    # and duplicates or foreign options are refused
    for raw in [[str(ids[0]), str(ids[0])], [str(ids[0]), "999999"]]:
        with pytest.raises(ValidationError):
            services.antwoord_clean(vraag=vraag, raw=raw)


def test_submit_reports_errors_per_field_and_stores_nothing():
    # given an open survey with a required likert question
    vragenlijst, vraag = survey_with_question(type=VraagType.LIKERT, tekst="Vertrouwen", verplicht=True)
    # when an invalid answer is submitted
    with pytest.raises(ValidationError) as exc:
        services.respons_submit(vragenlijst=vragenlijst, answers={vraag.pk: "9"})
    # then the error is keyed to the question and nothing is stored
    assert f"vraag_{vraag.pk}" in exc.value.message_dict
    assert Respons.objects.count() == 0
    assert Gebeurtenis.objects.count() == 0


# --- Submission, event, codes ------------------------------------------------------------------


def test_submit_stores_answers_and_one_event_with_dimension_means_only():
    # given a survey from the template, open by link
    vragenlijst = services.vragenlijst_from_template(plan=PlanFactory(), toegang=Toegang.OPEN_LINK)
    services.vragenlijst_status_set(vragenlijst=vragenlijst, status=VragenlijstStatus.OPEN)
    vragen = list(vragenlijst.vragen.prefetch_related("opties"))
    answers = {}
    for v in vragen:
        if v.type == VraagType.LIKERT:
            answers[v.pk] = "4" if v.dimensie == Dimensie.VERTROUWEN else "2"
        elif v.type in (VraagType.ENKELE_KEUZE, VraagType.MEERKEUZE):
            answers[v.pk] = [str(v.opties.first().pk)]
        elif v.type == VraagType.JA_NEE:
            answers[v.pk] = "nee"
        else:
            answers[v.pk] = "Geheim verhaal over mijn buurman"
    # when a resident submits
    respons = services.respons_submit(vragenlijst=vragenlijst, answers=answers)
    # then answers exist and one event carries the per-dimension means, no text
    assert Antwoord.objects.filter(respons=respons).count() == len(vragen)
    event = Gebeurtenis.objects.get()
    assert event.type == GebeurtenisType.ENQUETE_RESPONS
    assert event.extern_id == f"respons-{respons.pk}"
    assert event.plan_id == vragenlijst.plan_id
    assert event.payload["dimensies"]["vertrouwen"] == {"gemiddelde": 4.0, "items": 3}
    assert event.payload["dimensies"]["rendement"]["gemiddelde"] == 2.0
    assert "Geheim" not in str(event.payload)


def test_template_has_a_dozen_questions_with_trust_items():
    # when a survey is made from the template
    vragenlijst = services.vragenlijst_from_template(plan=PlanFactory())
    # then it has about twelve questions, several tagged vertrouwen, every dimension used
    vragen = list(vragenlijst.vragen.all())
    assert 11 <= len(vragen) <= 14
    assert sum(v.dimensie == Dimensie.VERTROUWEN for v in vragen) >= 3
    assert {v.dimensie for v in vragen} >= {"vertrouwen", "legitimiteit", "betrokkenheid", "rendement"}


def _code_survey():
    vragenlijst, vraag = survey_with_question(
        toegang=Toegang.CODES, type=VraagType.LIKERT, tekst="Vertrouwen", verplicht=True
    )
    return vragenlijst, vraag


def test_codes_are_60_bit_and_stored_only_as_keyed_hash():
    # given a survey
    vragenlijst, _ = _code_survey()
    # when codes are generated
    codes = services.codes_generate(vragenlijst=vragenlijst, n=3)
    # then each is 12 Crockford base32 symbols, grouped by four with dashes
    for code in codes:
        groups = code.split("-")
        assert [len(g) for g in groups] == [4, 4, 4]
        assert set("".join(groups)) <= set(services.CODE_ALPHABET)
    # and only a keyed hash (HMAC-SHA256 with the SECRET_KEY) of the normalised form is stored,
    # not the plain SHA-256 one could compute from a database copy alone
    hashes = set(Uitnodigingscode.objects.values_list("code_hash", flat=True))
    assert hashes == {services.code_hash(c) for c in codes}
    assert not hashes & {hashlib.sha256(c.replace("-", "").encode()).hexdigest() for c in codes}
    assert not any(c.replace("-", "") in h for c in codes for h in hashes)


def test_code_entropy_is_12_symbols_from_a_32_letter_alphabet():
    # given the alphabet: 32 distinct symbols without I, L, O and U
    alphabet = services.CODE_ALPHABET
    assert len(alphabet) == len(set(alphabet)) == 32
    assert not set("ILOU") & set(alphabet)
    # when many codes are drawn
    codes = [services.code_new() for _ in range(400)]
    # then each has 12 symbols: 12 x log2(32) = 60 bits (single use, throttled, keyed hash)
    assert all(len(c) == services.CODE_SYMBOLS == 12 for c in codes)
    assert services.CODE_SYMBOLS * math.log2(len(alphabet)) >= 60
    # and every position, the first included, uses the whole alphabet (no bits wasted)
    assert set(c[0] for c in codes) == set(alphabet)
    assert set("".join(codes)) == set(alphabet)
    assert len(set(codes)) == len(codes)


def test_a_code_typed_in_lower_case_with_spaces_and_look_alikes_is_accepted():
    # given a code whose printed form holds a 0 and a 1
    vragenlijst, vraag = _code_survey()
    [code] = services.codes_generate(vragenlijst=vragenlijst, n=1)
    Uitnodigingscode.objects.all().delete()
    printed = "0" + code[1:4] + "-1" + code[6:]
    Uitnodigingscode.objects.create(vragenlijst=vragenlijst, code_hash=services.code_hash(printed))
    # when a resident types it in lower case, with spaces instead of dashes, O for 0 and l for 1
    typed = " " + ("o" + printed[1:5] + "l" + printed[6:]).lower().replace("-", " ") + " "
    # then it is recognised and used once
    services.code_check(vragenlijst=vragenlijst, code=typed)
    services.respons_submit(vragenlijst=vragenlijst, answers={vraag.pk: "4"}, code=typed)
    assert Respons.objects.count() == 1
    assert Uitnodigingscode.objects.get().used_at is not None
    # and I is read as 1 too
    assert services.code_normalise("ab-Io l") == "AB101"


def test_a_code_with_a_character_outside_the_alphabet_gets_the_generic_message():
    # given a real code
    vragenlijst, vraag = _code_survey()
    [code] = services.codes_generate(vragenlijst=vragenlijst, n=1)
    # when one symbol is replaced by U (not in the alphabet), or by a symbol that is wrong
    with_u = "U" + code[1:]
    forged = ("1" if code[0] != "1" else "2") + code[1:]
    messages = []
    for typed in (with_u, forged):
        with pytest.raises(ValidationError) as exc:
            services.respons_submit(vragenlijst=vragenlijst, answers={vraag.pk: "4"}, code=typed)
        messages.append(exc.value.message_dict)
    # then both get the same generic message and nothing is stored
    assert messages == [{"code": [CODE_ONGELDIG]}] * 2
    assert Respons.objects.count() == 0


def test_a_code_used_twice_gives_exactly_one_response():
    # given a code
    vragenlijst, vraag = _code_survey()
    [code] = services.codes_generate(vragenlijst=vragenlijst, n=1)
    # when it is used twice
    services.respons_submit(vragenlijst=vragenlijst, answers={vraag.pk: "5"}, code=code)
    with pytest.raises(ValidationError) as exc:
        services.respons_submit(vragenlijst=vragenlijst, answers={vraag.pk: "1"}, code=code)
    # then exactly one response exists and the second gets the code message
    assert exc.value.message_dict == {"code": [CODE_ONGELDIG]}
    assert Respons.objects.count() == 1
    assert Gebeurtenis.objects.count() == 1


def test_forged_used_and_expired_codes_get_the_same_answer():
    # given a used code, a forged one, an expired one and a code of another survey
    vragenlijst, vraag = _code_survey()
    used, expired = services.codes_generate(vragenlijst=vragenlijst, n=2)
    services.respons_submit(vragenlijst=vragenlijst, answers={vraag.pk: "3"}, code=used)
    Uitnodigingscode.objects.filter(code_hash=services.code_hash(expired)).update(
        created_at=timezone.now() - dt.timedelta(days=400)
    )
    other, _ = _code_survey()
    [foreign] = services.codes_generate(vragenlijst=other, n=1)
    messages = []
    for code in [used, "dit-is-geen-echte-code-xx", expired, foreign, ""]:
        # when each is submitted or checked
        with pytest.raises(ValidationError) as exc:
            services.respons_submit(vragenlijst=vragenlijst, answers={vraag.pk: "3"}, code=code)
        messages.append(exc.value.message_dict)
        with pytest.raises(ValidationError) as check:
            services.code_check(vragenlijst=vragenlijst, code=code)
        messages.append(check.value.message_dict)
    # then all get the same message and nothing was added
    assert all(m == {"code": [CODE_ONGELDIG]} for m in messages)
    assert Respons.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_submissions_with_one_code_give_one_response():
    # given one code
    vragenlijst, vraag = _code_survey()
    [code] = services.codes_generate(vragenlijst=vragenlijst, n=1)
    barrier = threading.Barrier(20)
    outcomes: list[str] = []
    lock = threading.Lock()

    def submit():
        try:
            barrier.wait()
            services.respons_submit(vragenlijst=vragenlijst, answers={vraag.pk: "4"}, code=code)
            result = "ok"
        except ValidationError:
            result = "refused"
        except Exception as exc:  # noqa: BLE001 - reported in the assertion
            result = repr(exc)
        finally:
            connection.close()  # each thread had its own connection
        with lock:
            outcomes.append(result)

    # when 20 threads submit at once, each on its own database connection
    threads = [threading.Thread(target=submit) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    close_old_connections()
    # then exactly one succeeds and exactly one response and one event exist
    assert sorted(outcomes) == ["ok"] + ["refused"] * 19
    assert Respons.objects.count() == 1
    assert Gebeurtenis.objects.filter(type=GebeurtenisType.ENQUETE_RESPONS).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_submission_with_the_broker_down_is_saved(broker_stopped):
    # given a broker on a closed port (fixture) and the real recompute hook
    vragenlijst, vraag = survey_with_question(type=VraagType.LIKERT, tekst="Vertrouwen", dimensie=Dimensie.VERTROUWEN)
    # when a resident submits (on_commit hooks run for real: transaction=True)
    respons = services.respons_submit(vragenlijst=vragenlijst, answers={vraag.pk: "4"})
    # then the response and its event are committed
    assert Respons.objects.filter(pk=respons.pk).exists()
    assert Gebeurtenis.objects.filter(extern_id=f"respons-{respons.pk}").exists()


def test_closed_or_draft_survey_refuses_and_changes_nothing():
    for status in (VragenlijstStatus.CONCEPT, VragenlijstStatus.GESLOTEN):
        # given a survey that is not open
        vragenlijst = VragenlijstFactory(status=status, toegang=Toegang.OPEN_LINK)
        vraag = services.vraag_create(vragenlijst=vragenlijst, type=VraagType.LIKERT, tekst="V")
        # when submitted to, then refused
        with pytest.raises(ValidationError):
            services.respons_submit(vragenlijst=vragenlijst, answers={vraag.pk: "3"})
    assert Respons.objects.count() == 0


# --- Builder rules once there are responses -------------------------------------------------------


def test_with_responses_text_edits_pass_but_type_change_and_option_removal_are_refused():
    # given a choice question with one response
    vragenlijst, vraag = survey_with_question(
        type=VraagType.ENKELE_KEUZE, tekst="Woning", opties=["Koop", "Huur", "Anders"]
    )
    services.respons_submit(vragenlijst=vragenlijst, answers={vraag.pk: str(vraag.opties.first().pk)})
    # when the text and an option's wording change, that is fine
    services.vraag_update(vraag=vraag, tekst="Uw woning", opties=["Koopwoning", "Huur", "Anders", "Weet niet"])
    assert vraag.opties.count() == 4
    # but changing the type, removing an option or deleting the question is refused
    with pytest.raises(ValidationError, match="al antwoorden"):
        services.vraag_update(vraag=vraag, type=VraagType.MEERKEUZE)
    with pytest.raises(ValidationError, match="al antwoorden"):
        services.vraag_update(vraag=vraag, opties=["Koopwoning", "Huur"])
    with pytest.raises(ValidationError, match="al antwoorden"):
        services.vraag_delete(vraag=vraag)
    vraag.refresh_from_db()
    assert vraag.type == VraagType.ENKELE_KEUZE and vraag.tekst == "Uw woning"
    assert vraag.opties.count() == 4


def test_without_responses_questions_can_change_freely_and_move():
    # given a survey with three questions and no responses
    vragenlijst = VragenlijstFactory()
    a, b, c = (services.vraag_create(vragenlijst=vragenlijst, type=VraagType.LIKERT, tekst=t) for t in "abc")
    # when one changes type, one is deleted and one moves up
    services.vraag_update(vraag=a, type=VraagType.ENKELE_KEUZE, opties=["x", "y"])
    services.vraag_delete(vraag=b)
    services.vraag_move(vraag=c, richting="omhoog")
    # then
    assert list(Vraag.objects.filter(vragenlijst=vragenlijst).values_list("tekst", flat=True)) == ["c", "a"]


def test_choice_question_needs_two_options():
    with pytest.raises(ValidationError):
        services.vraag_create(vragenlijst=VragenlijstFactory(), type=VraagType.MEERKEUZE, tekst="x", opties=["één"])


# --- Meetings ----------------------------------------------------------------------------------


def test_marking_a_meeting_held_appends_one_attendance_event():
    # given a meeting that took place
    bijeenkomst = BijeenkomstFactory(voorbij=True)
    # when it is marked held
    services.bijeenkomst_mark_held(bijeenkomst=bijeenkomst, aantal_bezoekers=42, verslag="Goede avond.")
    # then one event carries the attendance; marking again is refused
    event = Gebeurtenis.objects.get(type=GebeurtenisType.BIJEENKOMST_GEHOUDEN)
    assert (event.hoeveelheid, event.extern_id) == (42, f"bijeenkomst-{bijeenkomst.pk}")
    with pytest.raises(ValidationError):
        services.bijeenkomst_mark_held(bijeenkomst=bijeenkomst, aantal_bezoekers=50)
    assert Gebeurtenis.objects.count() == 1


def test_a_future_meeting_cannot_be_marked_held():
    with pytest.raises(ValidationError):
        services.bijeenkomst_mark_held(bijeenkomst=BijeenkomstFactory(), aantal_bezoekers=3)
    assert Gebeurtenis.objects.count() == 0


# --- Retention ---------------------------------------------------------------------------------


def test_retention_blanks_old_free_text_and_deletes_old_unused_codes_idempotently():
    # given an old response with free text, a new one, and old used/unused codes
    vragenlijst, tekst = survey_with_question(type=VraagType.LANGE_TEKST, tekst="Opmerking")
    old = services.respons_submit(vragenlijst=vragenlijst, answers={tekst.pk: "oud"})
    new = services.respons_submit(vragenlijst=vragenlijst, answers={tekst.pk: "nieuw"})
    Respons.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - dt.timedelta(days=400))
    services.codes_generate(vragenlijst=vragenlijst, n=3)
    Uitnodigingscode.objects.update(created_at=timezone.now() - dt.timedelta(days=400))
    Uitnodigingscode.objects.filter(pk=Uitnodigingscode.objects.first().pk).update(used_at=timezone.now())
    services.codes_generate(vragenlijst=vragenlijst, n=1)
    # when the purge runs twice
    first = services.retention_purge()
    second = services.retention_purge()
    # then old text is blank, new text kept, old unused codes gone; the second run does nothing
    assert first == {"tekst_gewist": 1, "codes_verwijderd": 2}
    assert second == {"tekst_gewist": 0, "codes_verwijderd": 0}
    assert Antwoord.objects.get(respons=old).tekst == ""
    assert Antwoord.objects.get(respons=new).tekst == "nieuw"
    assert Uitnodigingscode.objects.count() == 2


def test_retention_command_and_task_report_counts(capsys):
    # given nothing old
    from django.core.management import call_command

    from participatie.tasks import retention_purge_task

    # when the command and the task run
    call_command("participatie_retention")
    result = retention_purge_task()
    # then they report counts (never content)
    assert "0 free-text answers blanked" in capsys.readouterr().out
    assert result == {"tekst_gewist": 0, "codes_verwijderd": 0}


def test_demo_load_is_idempotent():
    # given a plan
    from participatie import demo

    PlanFactory()
    # when the demo loads twice
    demo.load()
    counts = (Respons.objects.count(), Gebeurtenis.objects.count())
    second = demo.load()
    # then the second run creates nothing
    assert counts[0] == demo.N_RESPONSEN
    assert (Respons.objects.count(), Gebeurtenis.objects.count()) == counts
    assert "0 responses, 0 meetings" in second


def test_demo_load_skips_without_plans():
    from participatie import demo

    assert demo.load().startswith("skipped")


def test_a_code_of_the_old_length_stored_as_plain_sha256_still_works():
    # given a letter printed before the short codes: 26 symbols, stored as a plain SHA-256
    vragenlijst = template_survey()
    oud = "RGCY-CTD6-MNHQ-XD58-E5SV-AQJ1-MW"
    Uitnodigingscode.objects.create(
        vragenlijst=vragenlijst, code_hash=hashlib.sha256(oud.replace("-", "").encode()).hexdigest()
    )
    # when the resident types it (in lower case, with spaces), then it is valid, once
    services.code_check(vragenlijst=vragenlijst, code=oud.lower().replace("-", " "))
    services.respons_submit(vragenlijst=vragenlijst, answers=answers_for(vragenlijst), code=oud)
    with pytest.raises(ValidationError):
        services.code_check(vragenlijst=vragenlijst, code=oud)


def test_a_code_keyed_with_a_rotated_secret_key_still_works(settings):
    # given a code stored while the old key was the SECRET_KEY
    vragenlijst = template_survey()
    [code] = services.codes_generate(vragenlijst=vragenlijst, n=1)
    # when the key is rotated (the old one kept in SECRET_KEY_FALLBACKS), then it is valid
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "een-nieuwe-sleutel-" + "x" * 40
    services.code_check(vragenlijst=vragenlijst, code=code)
    # and without the fallback it is not
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(ValidationError):
        services.code_check(vragenlijst=vragenlijst, code=code)
