"""Participatie: surveys (vragenlijsten), invite codes, responses and meetings (bijeenkomsten).

Privacy by design (DESIGN.md, AVG): a Respons keeps no IP address, no user agent and no link
to the invite code it was submitted with; a code is stored only as its SHA-256 hash.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.dates import DatumBereik, datum_bereik, datum_kort
from core.models import TimeStampedModel

from .constants import BijeenkomstSoort, Dimensie, Doelgroep, Toegang, VraagType, VragenlijstStatus

# Survey slugs are typed from a letter too: lower-case Crockford base32 (no i, l, o, u, no
# punctuation), 12 symbols = 60 bits. Slugs made before (URL-safe base64, mixed case) still work.
SLUG_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
SLUG_SYMBOLS = 12


def new_slug() -> str:
    """Public, unguessable survey slug (not a secret: a survey's open link carries it)."""
    return "".join(secrets.choice(SLUG_ALPHABET) for _ in range(SLUG_SYMBOLS))


class Vragenlijst(TimeStampedModel):
    """Survey of one plan: for its residents, or a pulse round of the civil servants working on it."""

    plan = models.ForeignKey("wup.Plan", on_delete=models.PROTECT, related_name="vragenlijsten")
    titel = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    privacytekst = models.TextField(_("privacy statement"), blank=True)
    opent_op = models.DateTimeField(_("opens at"), null=True, blank=True, validators=[DatumBereik()])
    sluit_op = models.DateTimeField(_("closes at"), null=True, blank=True, validators=[DatumBereik()])
    status = models.CharField(
        _("status"), max_length=10, choices=VragenlijstStatus.choices, default=VragenlijstStatus.CONCEPT
    )
    toegang = models.CharField(_("access"), max_length=10, choices=Toegang.choices, default=Toegang.CODES)
    slug = models.SlugField(_("public link key"), max_length=20, unique=True, default=new_slug, editable=False)
    # Fixed at creation: a pulse round (participatie.services.pulsronde_create) has its fixed
    # questions and invite codes, and its responses append `ambtenaren_puls`, never `enquete_respons`.
    doelgroep = models.CharField(
        _("target group"), max_length=20, choices=Doelgroep.choices, default=Doelgroep.BEWONERS, editable=False
    )

    class Meta:
        ordering = ["plan", "-created_at"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(opent_op__isnull=True) | Q(sluit_op__isnull=True) | Q(sluit_op__gt=models.F("opent_op")),
                name="vragenlijst_sluit_na_opent",
            ),
            datum_bereik("opent_op", name="vragenlijst_opent_op_bereik", moment=True),
            datum_bereik("sluit_op", name="vragenlijst_sluit_op_bereik", moment=True),
        ]

    def __str__(self) -> str:
        return self.titel


class Vraag(TimeStampedModel):
    """A question (vraag) of a survey, tagged with the dimension it measures."""

    vragenlijst = models.ForeignKey(Vragenlijst, on_delete=models.CASCADE, related_name="vragen")
    type = models.CharField(_("type"), max_length=20, choices=VraagType.choices)
    tekst = models.CharField(_("question"), max_length=500)
    helptekst = models.CharField(_("help text"), max_length=500, blank=True)
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)
    verplicht = models.BooleanField(_("required"), default=False)
    dimensie = models.CharField(_("dimension"), max_length=20, choices=Dimensie.choices, default=Dimensie.GEEN)
    min_waarde = models.IntegerField(_("minimum"), null=True, blank=True)
    max_waarde = models.IntegerField(_("maximum"), null=True, blank=True)

    class Meta:
        ordering = ["vragenlijst", "volgorde", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_waarde__isnull=True)
                | Q(max_waarde__isnull=True)
                | Q(max_waarde__gte=models.F("min_waarde")),
                name="vraag_max_na_min",
            ),
        ]

    def __str__(self) -> str:
        return self.tekst


class Optie(models.Model):
    """An answer option (optie) of a single- or multiple-choice question."""

    vraag = models.ForeignKey(Vraag, on_delete=models.CASCADE, related_name="opties")
    tekst = models.CharField(_("option"), max_length=200)
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["vraag", "volgorde", "id"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.tekst


class Respons(models.Model):
    """One submitted survey. Deliberately minimal: no IP, no user agent, no invite link (AVG)."""

    vragenlijst = models.ForeignKey(Vragenlijst, on_delete=models.PROTECT, related_name="responsen")
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    # A random value per filling-in session (no identity): a double click, a retry or ten
    # simultaneous posts of the same session store one response (unique in the database).
    inzendsleutel = models.CharField(_("submission key"), max_length=64, unique=True, null=True, editable=False)

    class Meta:
        ordering = ["vragenlijst", "submitted_at"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.vragenlijst} #{self.pk}"


class Antwoord(models.Model):
    """An answer: `getal` for likert/number/yes-no (1 = yes), `opties` for choices, `tekst` for text."""

    respons = models.ForeignKey(Respons, on_delete=models.CASCADE, related_name="antwoorden")
    vraag = models.ForeignKey(Vraag, on_delete=models.PROTECT, related_name="antwoorden")
    getal = models.IntegerField(_("number"), null=True, blank=True)
    tekst = models.TextField(_("text"), blank=True)
    opties = models.ManyToManyField(Optie, related_name="antwoorden", blank=True)

    class Meta:
        ordering = ["respons", "vraag"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["respons", "vraag"], name="antwoord_once_per_vraag")]

    def __str__(self) -> str:
        return f"{self.respons}: {self.vraag_id}"


class Uitnodigingscode(models.Model):
    """Invite code: only the SHA-256 hex of the code is kept; single use enforced in the database."""

    vragenlijst = models.ForeignKey(Vragenlijst, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(_("code hash"), max_length=64, unique=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["vragenlijst", "created_at"]
        verbose_name = _("invite code")
        verbose_name_plural = _("invite codes")

    def __str__(self) -> str:
        return f"{self.code_hash[:8]}…"


class Bijeenkomst(TimeStampedModel):
    """A meeting (bijeenkomst) with residents; once held its attendance is an event."""

    plan = models.ForeignKey("wup.Plan", on_delete=models.PROTECT, related_name="bijeenkomsten")
    soort = models.CharField(_("kind"), max_length=20, choices=BijeenkomstSoort.choices)
    titel = models.CharField(_("title"), max_length=200, blank=True)
    datum = models.DateTimeField(_("date and time"), validators=[DatumBereik()])
    plaats = models.CharField(_("place"), max_length=200)
    aantal_bezoekers = models.PositiveIntegerField(_("number of attendees"), null=True, blank=True)
    verslag = models.TextField(_("short report"), blank=True)
    gehouden = models.BooleanField(_("held"), default=False)
    # Cancelled meetings stay (calendar feeds mark them STATUS:CANCELLED, the public page says
    # "gaat niet door"): a subscriber sees it struck through instead of silently gone.
    geannuleerd_op = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "datum"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(gehouden=False) | Q(aantal_bezoekers__isnull=False), name="bijeenkomst_gehouden_has_count"
            ),
            datum_bereik("datum", name="bijeenkomst_datum_bereik", moment=True),
            models.CheckConstraint(
                condition=Q(gehouden=False) | Q(geannuleerd_op__isnull=True), name="bijeenkomst_gehouden_of_geannuleerd"
            ),
        ]

    def __str__(self) -> str:
        return self.titel or f"{self.get_soort_display()} ({datum_kort(self.datum)})"
