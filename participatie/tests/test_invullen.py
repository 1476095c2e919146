"""A resident filling in a survey: the anti-abuse rules and the session state (services.invullen)."""

import datetime as dt
from importlib import import_module

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.constants import RESIDENT_SESSION_KEY
from participatie import services
from participatie.constants import Toegang
from participatie.models import Respons, Uitnodigingscode
from participatie.services import RefusalReason

from .helpers import answers_for, template_survey

pytestmark = pytest.mark.django_db

LONG_AGO = dt.timedelta(minutes=10)
CLOSED_PORT_CACHE = "redis://127.0.0.1:1/0"


def _refusal(vragenlijst, *, honeypot="", started=LONG_AGO, now=None, client=None):
    now = now or timezone.now()
    return services.respons_refusal(
        vragenlijst=vragenlijst, honeypot=honeypot, gestart_op=now - started, now=now, client=client
    )


def _session():
    """A real (empty) session of the configured engine, as `request.session` is."""
    return import_module(django_settings.SESSION_ENGINE).SessionStore()


# --- Anti-abuse ------------------------------------------------------------------------------


@pytest.mark.parametrize("toegang", [Toegang.CODES, Toegang.OPEN_LINK])
def test_a_normal_submission_is_not_refused(toegang):
    assert _refusal(template_survey(toegang=toegang)) is None


@pytest.mark.parametrize("toegang", [Toegang.CODES, Toegang.OPEN_LINK])
def test_a_filled_honeypot_is_refused_silently_on_every_survey(toegang):
    # given a survey, when a bot fills the hidden field
    refusal = _refusal(template_survey(toegang=toegang), honeypot="http://spam.example")
    # then it is refused without a message (the view thanks it and stores nothing)
    assert refusal == services.Refusal(RefusalReason.HONEYPOT)
    assert refusal.message == ""


def test_the_honeypot_wins_over_a_too_fast_submission():
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    refusal = _refusal(vragenlijst, honeypot="x", started=dt.timedelta(0))
    assert refusal.reason == RefusalReason.HONEYPOT


def test_an_open_link_submission_faster_than_the_minimum_is_refused_with_a_message(settings):
    # given an open-link survey with a minimum fill time of 3 seconds
    settings.PARTICIPATIE_MIN_FILL_SECONDS = 3
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    # when it is sent 2.9 seconds after the start, then it is refused with the Dutch message
    refusal = _refusal(vragenlijst, started=dt.timedelta(seconds=2.9))
    assert refusal.reason == RefusalReason.TE_SNEL
    assert refusal.message == "U was wel erg snel. Controleer uw antwoorden en verstuur ze opnieuw."
    # and from 3 seconds on it passes
    assert _refusal(vragenlijst, started=dt.timedelta(seconds=3)) is None


def test_a_code_survey_has_no_minimum_fill_time(settings):
    settings.PARTICIPATIE_MIN_FILL_SECONDS = 3
    assert _refusal(template_survey(toegang=Toegang.CODES), started=dt.timedelta(0)) is None


def test_an_open_link_is_rate_limited_per_survey_per_minute(settings):
    # given two open-link surveys with a limit of 2 per minute (counted in the real Redis cache)
    settings.PARTICIPATIE_RATE_LIMIT_PER_MINUTE = 2
    vragenlijst, other = (template_survey(toegang=Toegang.OPEN_LINK) for _ in range(2))
    now = timezone.now().replace(second=10)
    # when three are sent within one minute, then the third is refused
    results = [_refusal(vragenlijst, now=now + dt.timedelta(seconds=i)) for i in range(3)]
    assert results[:2] == [None, None]
    assert results[2].reason == RefusalReason.TE_DRUK
    assert results[2].message == "Het is nu erg druk"
    # and the other survey and the next minute have their own count
    assert _refusal(other, now=now) is None
    assert _refusal(vragenlijst, now=now + dt.timedelta(minutes=1)) is None


def test_a_burst_of_150_residents_on_one_open_link_is_not_turned_away():
    # given the default limits and 150 residents, each on their own connection, in one minute
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    now = timezone.now().replace(second=0)
    results = [
        _refusal(vragenlijst, now=now + dt.timedelta(seconds=i / 3), client=f"192.0.2.{i % 250}" if i < 250 else None)
        for i in range(150)
    ]
    # then every one of them may submit
    assert results == [None] * 150


def test_one_client_is_limited_per_survey_and_told_when_to_try_again(settings):
    # given a limit of 3 per client per 10 minutes
    settings.PARTICIPATIE_CLIENT_LIMIT = 3
    settings.PARTICIPATIE_CLIENT_WINDOW_SECONDS = 600
    vragenlijst, other = (template_survey(toegang=Toegang.OPEN_LINK) for _ in range(2))
    start = timezone.now()
    now = start.replace(minute=start.minute - start.minute % 10, second=0, microsecond=0) + dt.timedelta(minutes=2)
    # when one client sends four within the window
    results = [_refusal(vragenlijst, now=now, client="203.0.113.9") for _ in range(4)]
    # then the fourth is refused, with the 8 minutes left in the window
    assert results[:3] == [None, None, None]
    assert results[3].reason == RefusalReason.TE_DRUK
    assert results[3].retry_after == 8 * 60
    # and other residents, and the same client on another survey, are not affected
    assert _refusal(vragenlijst, now=now, client="203.0.113.10") is None
    assert _refusal(other, now=now, client="203.0.113.9") is None
    # and the next window counts afresh
    assert _refusal(vragenlijst, now=now + dt.timedelta(minutes=8), client="203.0.113.9") is None


def test_a_code_survey_is_not_rate_limited(settings):
    settings.PARTICIPATIE_RATE_LIMIT_PER_MINUTE = 1
    vragenlijst = template_survey(toegang=Toegang.CODES)
    assert [_refusal(vragenlijst) for _ in range(3)] == [None, None, None]


def test_refused_attempts_do_not_use_up_the_rate_limit(settings):
    # given a limit of 2 per minute
    settings.PARTICIPATIE_RATE_LIMIT_PER_MINUTE = 2
    settings.PARTICIPATIE_MIN_FILL_SECONDS = 3
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    now = timezone.now().replace(second=10)
    # when a bot and a too-fast sender are refused first
    for _ in range(3):
        assert _refusal(vragenlijst, honeypot="x", now=now).reason == RefusalReason.HONEYPOT
        assert _refusal(vragenlijst, started=dt.timedelta(0), now=now).reason == RefusalReason.TE_SNEL
    # then two residents still get through in that minute
    assert [_refusal(vragenlijst, now=now), _refusal(vragenlijst, now=now)] == [None, None]


def test_a_cache_that_is_down_never_blocks_a_resident(settings):
    # given a limit of 1 per minute and a cache on a port where nothing listens
    settings.PARTICIPATIE_RATE_LIMIT_PER_MINUTE = 1
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    caches = {"default": {**django_settings.CACHES["default"], "LOCATION": CLOSED_PORT_CACHE}}
    settings.CACHES = caches
    # when several are sent, then none is refused (the limit fails open)
    assert [_refusal(vragenlijst) for _ in range(3)] == [None, None, None]


# --- Session state ---------------------------------------------------------------------------


def test_begin_keeps_the_survey_the_code_and_the_start_time():
    # given a code survey and a resident with a valid code
    vragenlijst = template_survey()
    session = _session()
    now = timezone.now()
    # when they start
    services.invulsessie_begin(session, vragenlijst=vragenlijst, code="ABCD", now=now)
    # then the session holds this survey with no answers yet, the code, the start time and a
    # random submission key of its own
    state = services.invulsessie_get(session, vragenlijst=vragenlijst)
    sleutel = state.pop("sleutel")
    assert state == {"vragenlijst": vragenlijst.pk, "code": "ABCD", "antwoorden": {}, "gestart": now.timestamp()}
    assert len(sleutel) >= 40
    services.invulsessie_begin(session, vragenlijst=vragenlijst, code="ABCD", now=now)
    assert services.invulsessie_get(session, vragenlijst=vragenlijst)["sleutel"] != sleutel
    assert services.invulsessie_gestart_op(state) == now
    # and for another survey there is no state
    assert services.invulsessie_get(session, vragenlijst=template_survey()) is None


def test_a_state_without_a_start_time_is_never_too_fast(settings):
    settings.PARTICIPATIE_MIN_FILL_SECONDS = 3
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    gestart_op = services.invulsessie_gestart_op({"vragenlijst": vragenlijst.pk})
    assert services.respons_refusal(vragenlijst=vragenlijst, honeypot="", gestart_op=gestart_op) is None


def test_kept_answers_are_merged_and_survive_to_the_next_request():
    # given a resident who answered page 1 (the session is saved, as at the end of a request)
    vragenlijst = template_survey()
    session = _session()
    services.invulsessie_begin(session, vragenlijst=vragenlijst)
    state = services.invulsessie_get(session, vragenlijst=vragenlijst)
    services.invulsessie_antwoorden_bewaar(session, state=state, antwoorden={"1": "4", "2": ["7", "8"]})
    session.save()
    # when the next request keeps page 2 and changes an answer of page 1
    session = import_module(django_settings.SESSION_ENGINE).SessionStore(session_key=session.session_key)
    state = services.invulsessie_get(session, vragenlijst=vragenlijst)
    services.invulsessie_antwoorden_bewaar(session, state=state, antwoorden={"1": "5", "3": "ja"})
    assert session.modified
    session.save()
    # then a later request sees all of them
    session = import_module(django_settings.SESSION_ENGINE).SessionStore(session_key=session.session_key)
    state = services.invulsessie_get(session, vragenlijst=vragenlijst)
    assert services.invulsessie_antwoorden(state) == {"1": "5", "2": ["7", "8"], "3": "ja"}


def test_submit_stores_the_response_and_leaves_only_done_in_the_session():
    # given a resident who started with a code and answered every question
    vragenlijst = template_survey()
    [code] = services.codes_generate(vragenlijst=vragenlijst, n=1)
    session = _session()
    services.invulsessie_begin(session, vragenlijst=vragenlijst, code=services.code_normalise(code))
    state = services.invulsessie_get(session, vragenlijst=vragenlijst)
    answers = {str(k): v for k, v in answers_for(vragenlijst).items()}
    services.invulsessie_antwoorden_bewaar(session, state=state, antwoorden=answers)
    # when they submit
    respons = services.invulsessie_submit(session, vragenlijst=vragenlijst, state=state)
    # then the response is stored, the code used, and the session keeps neither code nor answers
    assert Respons.objects.get() == respons
    assert Uitnodigingscode.objects.get().used_at is not None
    assert session[RESIDENT_SESSION_KEY] == {"vragenlijst": vragenlijst.pk, "klaar": True}
    assert services.invulsessie_get(session, vragenlijst=vragenlijst) is None
    assert services.invulsessie_is_klaar(session, vragenlijst=vragenlijst)
    assert not services.invulsessie_is_klaar(session, vragenlijst=template_survey())


def test_a_refused_submit_leaves_the_session_as_it_was():
    # given a resident whose code has been used in the meantime
    vragenlijst = template_survey()
    [code] = services.codes_generate(vragenlijst=vragenlijst, n=1)
    services.respons_submit(vragenlijst=vragenlijst, answers=answers_for(vragenlijst), code=code)
    session = _session()
    services.invulsessie_begin(session, vragenlijst=vragenlijst, code=services.code_normalise(code))
    state = services.invulsessie_get(session, vragenlijst=vragenlijst)
    answers = {str(k): v for k, v in answers_for(vragenlijst).items()}
    services.invulsessie_antwoorden_bewaar(session, state=state, antwoorden=answers)
    # when they submit, then it is refused on the code and their answers are still kept
    with pytest.raises(ValidationError) as exc:
        services.invulsessie_submit(session, vragenlijst=vragenlijst, state=state)
    assert "code" in exc.value.message_dict
    assert services.invulsessie_antwoorden(services.invulsessie_get(session, vragenlijst=vragenlijst)) == answers
    assert not services.invulsessie_is_klaar(session, vragenlijst=vragenlijst)
    assert Respons.objects.count() == 1


def test_a_refused_letter_code_is_told_once():
    session = _session()
    assert services.invulsessie_code_fout_pop(session) is False
    services.invulsessie_code_fout_set(session)
    assert services.invulsessie_code_fout_pop(session) is True
    assert services.invulsessie_code_fout_pop(session) is False
