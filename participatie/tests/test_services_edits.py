"""Edits of surveys, questions and meetings through core's model_update: whitelist, order of messages."""

import pytest
from django.core.exceptions import ValidationError

from participatie import services
from participatie.constants import Toegang, VraagType, VragenlijstStatus

from .factories import BijeenkomstFactory, VragenlijstFactory
from .helpers import survey_with_question

pytestmark = pytest.mark.django_db


# --- Edits (core.services.model_update) ---------------------------------------------------------


def test_an_edit_refuses_a_field_outside_the_whitelist():
    with pytest.raises(TypeError):
        services.vragenlijst_update(vragenlijst=VragenlijstFactory(), status=VragenlijstStatus.OPEN)
    with pytest.raises(TypeError):
        services.bijeenkomst_update(bijeenkomst=BijeenkomstFactory(), gehouden=True)


def test_an_edit_saves_only_its_fields_and_nothing_when_nothing_changed():
    # given a survey
    vragenlijst = VragenlijstFactory(titel="Peiling")
    before = vragenlijst.updated_at
    # when its title changes, then only that is saved
    services.vragenlijst_update(vragenlijst=vragenlijst, titel="Buurtpeiling")
    vragenlijst.refresh_from_db()
    assert (vragenlijst.titel, vragenlijst.intro) == ("Buurtpeiling", "Wat vindt u van de plannen?")
    # and a form sent back unchanged writes nothing (updated_at stays)
    changed_at = vragenlijst.updated_at
    services.vragenlijst_update(vragenlijst=vragenlijst, titel="Buurtpeiling")
    vragenlijst.refresh_from_db()
    assert before < changed_at == vragenlijst.updated_at


def test_with_responses_the_access_refusal_comes_before_other_field_errors():
    # given a code survey with a response
    vragenlijst, vraag = survey_with_question(toegang=Toegang.CODES, type=VraagType.LIKERT, tekst="V")
    [code] = services.codes_generate(vragenlijst=vragenlijst, n=1)
    services.respons_submit(vragenlijst=vragenlijst, answers={vraag.pk: "3"}, code=code)
    # when the access changes together with an invalid (empty) title
    with pytest.raises(ValidationError) as exc:
        services.vragenlijst_update(vragenlijst=vragenlijst, toegang=Toegang.OPEN_LINK, titel="")
    # then the one error is the access rule's own message
    assert exc.value.message_dict == {"toegang": ["De toegang kan niet meer wijzigen: er zijn al antwoorden."]}


def test_a_held_meetings_attendance_is_fixed_and_that_message_comes_first():
    # given a meeting marked held with 20 attendees
    bijeenkomst = BijeenkomstFactory(voorbij=True)
    services.bijeenkomst_mark_held(bijeenkomst=bijeenkomst, aantal_bezoekers=20)
    # when the number changes together with an invalid (empty) place, then only the rule speaks
    with pytest.raises(ValidationError) as exc:
        services.bijeenkomst_update(bijeenkomst=bijeenkomst, aantal_bezoekers=25, plaats="")
    assert list(exc.value.message_dict) == ["aantal_bezoekers"]
    # and other edits still pass
    services.bijeenkomst_update(bijeenkomst=bijeenkomst, aantal_bezoekers=20, verslag="Goed bezocht.")
    bijeenkomst.refresh_from_db()
    assert (bijeenkomst.aantal_bezoekers, bijeenkomst.verslag) == (20, "Goed bezocht.")


def test_a_question_edit_renumbers_and_rewords_options_in_place():
    # given a choice question with three options
    _, vraag = survey_with_question(type=VraagType.ENKELE_KEUZE, tekst="Woning", opties=["Koop", "Huur", "Anders"])
    ids = list(vraag.opties.values_list("pk", flat=True))
    # when the second option is reworded and the help text added
    services.vraag_update(vraag=vraag, helptekst="Kies er een.", opties=["Koop", "Huurwoning", "Anders"])
    # then the same option rows carry the new text, in order
    vraag.refresh_from_db()
    assert vraag.helptekst == "Kies er een."
    assert list(vraag.opties.values_list("pk", "tekst", "volgorde")) == [
        (ids[0], "Koop", 0),
        (ids[1], "Huurwoning", 1),
        (ids[2], "Anders", 2),
    ]
