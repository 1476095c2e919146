"""Choices and fixed figures of the `dashboard` app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Indicator(models.TextChoices):
    """The six indicators: one per seed question (DOMAIN.md, "The council dashboard")."""

    VERTROUWEN = "vertrouwen", _("Trust")
    BEWEGING = "beweging", _("Movement")
    RESULTATEN = "resultaten", _("Results")
    KOERS = "koers", _("Alignment of goals and core values")
    SCHEMA = "schema", _("Schedule")
    STURING = "sturing", _("Governance")


# The seed questions, used as headings on the plan page (DOMAIN.md).
INDICATOR_QUESTIONS = {
    Indicator.VERTROUWEN: _("Is there trust?"),
    Indicator.BEWEGING: _("Is there movement?"),
    Indicator.RESULTATEN: _("Which results have been achieved?"),
    Indicator.KOERS: _("Do the (interim) goals match the core values?"),
    Indicator.SCHEMA: _("Are we, as a municipality, on schedule?"),
    Indicator.STURING: _("Are we steering effectively?"),
}


class Status(models.TextChoices):
    """Traffic light of an indicator against its goal."""

    OP_KOERS = "op_koers", _("On track")
    AANDACHT = "aandacht", _("Needs attention")
    UIT_KOERS = "uit_koers", _("Off track")
    ONBEKEND = "onbekend", _("Unknown")


# Bootstrap badge class per status (the traffic light); colour is never the only signal,
# the label is always shown.
STATUS_BADGE = {
    Status.OP_KOERS: "text-bg-success",
    Status.AANDACHT: "text-bg-warning",
    Status.UIT_KOERS: "text-bg-danger",
    Status.ONBEKEND: "text-bg-secondary",
}


class Besluit(models.TextChoices):
    """The council's decision when the dashboard shows things go wrong (DOMAIN.md)."""

    DOORGAAN = "doorgaan", _("Continue")
    BIJSTUREN = "bijsturen", _("Adjust")
    STOPPEN = "stoppen", _("Stop")


# CO2 emission factor of natural gas (Groningen quality, combustion, tank-to-wheel):
# 1.78 kg CO2 per m3. Source: Nederlandse emissiefactoren, www.co2emissiefactoren.nl
# (Lijst emissiefactoren, aardgas, 2024). Avoided emission = homes gas-free x gas use x factor.
CO2_KG_PER_M3_AARDGAS = 1.78
# Used when the wijk's mean gas use is unknown (CBS suppresses it): a typical Dutch home.
DEFAULT_GASVERBRUIK_M3 = 1200

# AVG/GDPR (DESIGN.md "Privacy"): nothing from fewer than 10 responses reaches the council
# dashboard, and survey-based figures only change when n crosses a multiple of this batch.
MIN_RESPONSES = 10
SURVEY_BATCH = 10

# Governance: a red signal must be followed by a recorded council analysis/decision within
# this many days. The same agreed term applies to the steering loop (issue 10): a red signal
# counts as followed up when, within it, the council recorded a decision AND the civil
# servants recorded at least one steering action (Stuuractie) on an indicator that turned red.
STURING_REACTIE_DAGEN = 60


class StuuractieStatus(models.TextChoices):
    """Where a steering action (stuuractie) stands. "Overdue" is derived against today, never stored."""

    OPEN = "open", _("Open")
    GEDAAN = "gedaan", _("Done")
    VERVALLEN = "vervallen", pgettext_lazy("a steering action", "Cancelled")


# Bounds of a steering action's texts (DESIGN.md, "Every input is bounded").
STUURACTIE_WAT_MAX = 300
STUURACTIE_WIE_MAX = 200
STUURACTIE_UITKOMST_MAX = 2000
# The plan page lists at most this many open actions (by due date) and this many closed ones
# (done or cancelled, newest first); the rest stays in the database and in the counts.
STUURACTIES_OPEN_MAX = 20
STUURACTIES_AFGEROND_MAX = 20

# Payload keys and their types: logboek/constants.py and logboek/payloads.py.

# Movement is counted over a rolling window of this many days up to today (not the calendar
# month, which on the 1st has barely started: issue 10); its status compares the last half of
# BEWEGING_VENSTERS such windows (90 days) with the half before (the 90 days before that).
BEWEGING_DAGEN = 30
BEWEGING_VENSTERS = 6

# How many months of snapshots a recompute writes (trend charts).
TREND_MAANDEN = 24
