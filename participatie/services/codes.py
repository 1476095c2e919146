"""Invite codes: the printed form, generation (only hashes are stored), checking and single use."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext, gettext_lazy

from wup import services as wup_services

from ..models import Uitnodigingscode, Vragenlijst
from .retentie import retention_days

# One message for a forged, used or expired code: the answer must not tell them apart.
# Lazy: translated when shown (compare with str(...) in tests).
CODE_ONGELDIG = gettext_lazy(
    "This code is not (or no longer) valid. Check the code in your letter or contact the municipality."
)

# Invite codes are typed from a paper letter, so they use Crockford base32: digits and capitals
# without I, L, O and U (nothing to confuse, no leading '-' a spreadsheet reads as a formula).
# 12 symbols = 60 bits, printed as three groups of four (7K3M-Q9XD-2F4H). Enough because a
# code is single use, expires with the retention period, is stored only as a keyed hash, and
# code attempts are throttled (participatie.services.invullen, "Code attempts"): the reasoning
# and the numbers are in docs/security.md, "Invite codes". Codes printed before (26 symbols,
# stored as a plain SHA-256) keep working: `code_hashes` accepts both.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_SYMBOLS = 12  # 12 x 5 bits = 60 bits of randomness
CODE_GROUP = 4  # shown as 7K3M-Q9XD-2F4H: easier to read out and to type
_CODE_HMAC_SALT = "participatie.uitnodigingscode"
# What residents mistype: letters that look like digits are read as those digits (Crockford).
_CODE_CONFUSABLES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def code_normalise(code: str) -> str:
    """The canonical form of a typed code: no spaces or dashes, upper case, O->0, I/L->1.

    Characters outside the alphabet (such as U) are kept: such a code can never match a stored
    hash, so it gets the same generic message as a forged one.
    """
    return "".join((code or "").split()).replace("-", "").upper().translate(_CODE_CONFUSABLES)


def code_format(code: str) -> str:
    """Group a normalised code with dashes for print: 7K3M-Q9XD-...-XY."""
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


def code_new() -> str:
    """A fresh random code (normalised form): 60 bits from `secrets`, 5 bits per symbol."""
    value = secrets.randbits(5 * CODE_SYMBOLS)
    return "".join(CODE_ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(CODE_SYMBOLS)))


def _code_hmac(code: str, secret: str) -> str:
    return salted_hmac(_CODE_HMAC_SALT, code_normalise(code), secret=secret, algorithm="sha256").hexdigest()


def code_hash(code: str) -> str:
    """What is stored for a new code: an HMAC-SHA256 of the normalised code keyed with the
    SECRET_KEY, so a copy of the database alone does not allow trying all 2^60 codes."""
    return _code_hmac(code, settings.SECRET_KEY)


def code_hashes(code: str) -> list[str]:
    """Every stored form a typed code may have: keyed with the SECRET_KEY or one of its
    fallbacks (a rotated key), or the plain SHA-256 of codes printed before keyed hashes."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [_code_hmac(code, key) for key in keys] + [hashlib.sha256(code_normalise(code).encode()).hexdigest()]


MAX_CODES_PER_RUN = 5000


@transaction.atomic
def codes_generate(*, vragenlijst: Vragenlijst, n: int) -> list[str]:
    """Make n single-use codes (130-bit random); only their hashes are stored. Shown once.

    Returns the codes in their printed, grouped form (for the letters, the CSV and the letter URL).
    """
    wup_services.plan_open_check(vragenlijst.plan)
    if not 1 <= n <= MAX_CODES_PER_RUN:
        raise ValidationError({"n": gettext("Choose a number between 1 and %(max)s.") % {"max": MAX_CODES_PER_RUN}})
    codes = [code_format(code_new()) for _ in range(n)]
    Uitnodigingscode.objects.bulk_create(
        [Uitnodigingscode(vragenlijst=vragenlijst, code_hash=code_hash(c)) for c in codes]
    )
    return codes


def _code_cutoff() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=retention_days())


def code_check(*, vragenlijst: Vragenlijst, code: str) -> None:
    """Raise the one code message unless the code is valid now (does not use it)."""
    valid = Uitnodigingscode.objects.filter(
        vragenlijst=vragenlijst,
        code_hash__in=code_hashes(code or ""),
        used_at__isnull=True,
        created_at__gte=_code_cutoff(),
    ).exists()
    if not valid:
        raise ValidationError({"code": CODE_ONGELDIG})


def day_start() -> dt.datetime:
    """Midnight (local time) of today: a moment that tells the day and nothing finer."""
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time()))


def _code_use(*, vragenlijst: Vragenlijst, code: str, op_de_dag: bool = False) -> None:
    """Mark the code used with one conditional UPDATE: under concurrency exactly one wins.

    `op_de_dag` keeps only the day it was used (a pulse round: see `respons_submit`).
    """
    used_at = day_start() if op_de_dag else None
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Uitnodigingscode._meta.db_table} SET used_at = COALESCE(%s::timestamptz, now()) "  # noqa: S608 - table name from the model
            "WHERE code_hash = ANY(%s) AND vragenlijst_id = %s AND used_at IS NULL AND created_at >= %s",
            [used_at, code_hashes(code or ""), vragenlijst.pk, _code_cutoff()],
        )
        if cursor.rowcount != 1:
            raise ValidationError({"code": CODE_ONGELDIG})
