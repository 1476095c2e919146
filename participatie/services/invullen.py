"""A resident filling in a survey: the session state and the anti-abuse rules.

Residents have no account. What they are doing lives in the server-side session under
`RESIDENT_SESSION_KEY`: the survey id, the invite code (until it is used), the answers so far
and when they started. Privacy (DESIGN.md): no IP address or browser details are kept, and on
submit the code and the answers leave the session; only "done" for the survey remains.

The `invulsessie_*` helpers read and write that state in `request.session` (any mutable
mapping: they assign keys, which marks a Django session modified). Rotating the session key
when a resident starts is the view's job (`request.session.cycle_key()`).
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import hmac
import math
import secrets
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext

from core import redis_guard
from core.constants import RESIDENT_SESSION_KEY

from ..constants import Toegang
from ..models import Respons, Vragenlijst
from .antwoorden import respons_submit

KLAAR_KEY = "participatie_klaar"  # ids of surveys this browser session has completed
CODE_FOUT_KEY = "participatie_code_fout"  # a letter URL's code was refused: say so on the code page
FOUTEN_KEY = "participatie_fouten"  # a final submit refused answers on an earlier page: show them there

Session = MutableMapping[str, Any]


def min_fill_seconds() -> float:
    """An open-link response sent sooner after the start than this is refused (too fast for a person)."""
    return float(getattr(settings, "PARTICIPATIE_MIN_FILL_SECONDS", 3))


def rate_limit() -> int:
    """Survey-wide safety valve: at most this many open-link responses per survey per minute."""
    return int(getattr(settings, "PARTICIPATIE_RATE_LIMIT_PER_MINUTE", 600))


def client_limit() -> tuple[int, int]:
    """At most (n, per seconds) open-link responses per survey from one client (address)."""
    return (
        int(getattr(settings, "PARTICIPATIE_CLIENT_LIMIT", 10)),
        int(getattr(settings, "PARTICIPATIE_CLIENT_WINDOW_SECONDS", 600)),
    )


# --- Anti-abuse -------------------------------------------------------------------------------


class RefusalReason(enum.StrEnum):
    HONEYPOT = "honeypot"  # a bot filled the hidden field: thank it, store nothing
    TE_SNEL = "te_snel"  # open link: sent within the minimum fill time
    TE_DRUK = "te_druk"  # open link: this client's (or the survey's) limit is reached: try again later


@dataclass(frozen=True)
class Refusal:
    """Why a response is not stored. `message` is translated; empty when nothing may be said."""

    reason: RefusalReason
    message: str = ""
    retry_after: int = 0  # seconds after which a new attempt is counted afresh (TE_DRUK)


def _wait(key: str, *, limit: int, window: int, now: dt.datetime) -> int:
    """Count one attempt in the fixed window; the seconds to wait when past `limit`, else 0.

    Counted in the cache (Redis); a cache that is down fails open (never blocks a resident).
    """
    bucket = int(now.timestamp() // window)
    count = _ophogen(key, bucket=bucket, window=window, what="survey rate limit")
    return max(1, math.ceil((bucket + 1) * window - now.timestamp())) if count > limit else 0


def _ophogen(key: str, *, bucket: int, window: int, what: str) -> int:
    """Count one in the fixed window's counter (in the cache); 0 when the cache is down."""

    def bump() -> int:
        cache.add(f"{key}:{bucket}", 0, timeout=2 * window)
        return cache.incr(f"{key}:{bucket}")

    return redis_guard.call(bump, fallback=0, what=what)


def _client_key(client: str) -> str:
    # Only a keyed hash of the address, as a cache key that expires with its window: the
    # address itself is never stored (DESIGN.md, privacy).
    return hmac.new(settings.SECRET_KEY.encode(), client.encode(), hashlib.sha256).hexdigest()[:32]


def _throttled(vragenlijst: Vragenlijst, client: str | None, now: dt.datetime) -> int:
    """Seconds to wait: per client per survey first (a bot cannot use up the survey for
    everyone), then the survey-wide safety valve per minute. 0 = go ahead."""
    if client:
        limit, window = client_limit()
        wait = _wait(f"participatie:client:{vragenlijst.pk}:{_client_key(client)}", limit=limit, window=window, now=now)
        if wait:
            return wait
    return _wait(f"participatie:rate:{vragenlijst.pk}", limit=rate_limit(), window=60, now=now)


def respons_refusal(
    *,
    vragenlijst: Vragenlijst,
    honeypot: str | None,
    gestart_op: dt.datetime,
    client: str | None = None,
    now: dt.datetime | None = None,
) -> Refusal | None:
    """The reason to refuse a response about to be submitted, or None to submit it.

    The honeypot applies to every survey; the minimum fill time and the rate limit only to an
    open link (a code survey is protected by its single-use codes). Checked in that order; the
    rate limit counts the attempt, so it is asked only when the other two pass. `client` is
    the resident's address (core.client_ip), limited per survey; None skips that limit.
    """
    now = now or timezone.now()
    if honeypot:
        # The bot is thanked as if it succeeded: no message that tells it what gave it away.
        return Refusal(RefusalReason.HONEYPOT)
    if vragenlijst.toegang == Toegang.OPEN_LINK:
        if (now - gestart_op).total_seconds() < min_fill_seconds():
            return Refusal(
                RefusalReason.TE_SNEL, gettext("You were very quick. Check your answers and send them again.")
            )
        wait = _throttled(vragenlijst, client, now)
        if wait:
            return Refusal(RefusalReason.TE_DRUK, gettext("It is very busy right now"), retry_after=wait)
    return None


# --- Code attempts ----------------------------------------------------------------------------

# Only FAILED code attempts count, so a resident who types the right code is never slowed down,
# and a resident who mistypes a few times stays far below every limit. Window: 15 minutes.
# Per filling-in session (the browser), per client (a keyed hash of the address: a household
# or office behind one address shares it), and a ceiling for all surveys together against a
# botnet. With 60-bit single-use codes, at most 2,000 wrong guesses per 15 minutes in all
# leaves an attacker a chance of about 1 in 3 million per year of hitting one of 5,000 live
# codes (docs/security.md, "Invite codes: why 60 bits are enough").
CODE_WINDOW_SECONDS = 15 * 60
CODE_LIMIT_SESSION = 10
CODE_LIMIT_CLIENT = 30
CODE_LIMIT_GLOBAL = 2000
CODE_POGINGEN_KEY = "participatie_code_pogingen"


def _code_keys(client: str | None) -> list[tuple[str, int]]:
    keys = [("participatie:code:alle", CODE_LIMIT_GLOBAL)]
    if client:
        keys.insert(0, (f"participatie:code:client:{_client_key(client)}", CODE_LIMIT_CLIENT))
    return keys


def _session_pogingen(session: Session, now: dt.datetime) -> list[float]:
    begin = now.timestamp() - CODE_WINDOW_SECONDS
    return [t for t in session.get(CODE_POGINGEN_KEY, []) if t > begin]


def code_poging_wacht(*, session: Session, client: str | None, now: dt.datetime | None = None) -> int:
    """Seconds before this resident may try another code (0: go ahead). Reads, counts nothing;
    a cache that is down fails open for the client and global limits (the session's holds)."""
    now = now or timezone.now()
    pogingen = _session_pogingen(session, now)
    if len(pogingen) >= CODE_LIMIT_SESSION:
        return max(1, math.ceil(min(pogingen) + CODE_WINDOW_SECONDS - now.timestamp()))
    bucket = int(now.timestamp() // CODE_WINDOW_SECONDS)
    for key, limit in _code_keys(client):
        count = redis_guard.call(lambda key=key: cache.get(f"{key}:{bucket}") or 0, fallback=0, what="code attempts")
        if count >= limit:
            return max(1, math.ceil((bucket + 1) * CODE_WINDOW_SECONDS - now.timestamp()))
    return 0


def code_poging_mislukt(*, session: Session, client: str | None, now: dt.datetime | None = None) -> None:
    """Count one wrong code for this session, this client and all surveys."""
    now = now or timezone.now()
    session[CODE_POGINGEN_KEY] = [*_session_pogingen(session, now), now.timestamp()]
    bucket = int(now.timestamp() // CODE_WINDOW_SECONDS)
    for key, _ in _code_keys(client):
        _ophogen(key, bucket=bucket, window=CODE_WINDOW_SECONDS, what="code attempts")


# --- Session state ----------------------------------------------------------------------------


def invulsessie_begin(
    session: Session, *, vragenlijst: Vragenlijst, code: str | None = None, now: dt.datetime | None = None
) -> None:
    """Start (or restart) filling in: no answers yet, the (normalised) code kept until submit."""
    session[RESIDENT_SESSION_KEY] = {
        "vragenlijst": vragenlijst.pk,
        "code": code,
        "antwoorden": {},
        "gestart": (now or timezone.now()).timestamp(),
        "sleutel": secrets.token_urlsafe(32),
    }


def invulsessie_get(session: Session, *, vragenlijst: Vragenlijst) -> dict | None:
    """The state of this survey being filled in, or None (not started, other survey, or done)."""
    state = session.get(RESIDENT_SESSION_KEY)
    if isinstance(state, dict) and state.get("vragenlijst") == vragenlijst.pk and not state.get("klaar"):
        return state
    return None


def invulsessie_antwoorden(state: dict) -> dict:
    """The answers kept so far: str(vraag id) -> str or list of str."""
    return state.get("antwoorden", {})


def invulsessie_antwoorden_bewaar(session: Session, *, state: dict, antwoorden: dict) -> None:
    """Keep these answers (str(vraag id) -> raw value) next to the ones already kept."""
    saved = invulsessie_antwoorden(state)
    saved.update(antwoorden)
    state["antwoorden"] = saved
    session[RESIDENT_SESSION_KEY] = state


def invulsessie_gestart_op(state: dict) -> dt.datetime:
    """When the resident started (the epoch when unknown: never too fast)."""
    return dt.datetime.fromtimestamp(float(state.get("gestart", 0)), tz=dt.UTC)


def invulsessie_is_klaar(session: Session, *, vragenlijst: Vragenlijst) -> bool:
    """Whether this browser session has already completed the survey."""
    return vragenlijst.pk in session.get(KLAAR_KEY, [])


def invulsessie_submit(session: Session, *, vragenlijst: Vragenlijst, state: dict) -> Respons:
    """Submit the kept answers with the kept code; then drop both and remember only "done".

    Raises what `respons_submit` raises (ValidationError), leaving the session as it was.
    """
    respons = respons_submit(
        vragenlijst=vragenlijst,
        answers=invulsessie_antwoorden(state),
        code=state.get("code"),
        sleutel=state.get("sleutel"),
    )
    session[RESIDENT_SESSION_KEY] = {"vragenlijst": vragenlijst.pk, "klaar": True}
    session[KLAAR_KEY] = [*session.get(KLAAR_KEY, []), vragenlijst.pk]
    return respons


def invulsessie_code_fout_set(session: Session) -> None:
    """Remember that the code in a letter URL was refused (shown once on the code page)."""
    session[CODE_FOUT_KEY] = True


def invulsessie_code_fout_pop(session: Session) -> bool:
    """Whether a letter URL's code was refused since the code page was last shown (and forget it)."""
    return bool(session.pop(CODE_FOUT_KEY, False))


def invulsessie_fouten_bewaar(session: Session, *, fouten: dict[str, list[str]]) -> None:
    """Keep the final submit's errors per answer (`vraag_<id>`) for the page that shows them."""
    session[FOUTEN_KEY] = {name: [str(m) for m in messages] for name, messages in fouten.items()}


def invulsessie_fouten_pop(session: Session) -> dict[str, list[str]]:
    """The kept errors of a refused final submit (and forget them)."""
    return session.pop(FOUTEN_KEY, None) or {}


def fout_pagina(*, vraag_ids: list[int], fouten: dict, per_pagina: int) -> int | None:
    """The first page (1-based) holding a question with an error, or None if none does."""
    pages = [i // per_pagina + 1 for i, pk in enumerate(vraag_ids) if f"vraag_{pk}" in fouten]
    return min(pages) if pages else None
