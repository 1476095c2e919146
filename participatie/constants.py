"""Choices of the `participatie` app (participation: surveys, invite codes, meetings)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VragenlijstStatus(models.TextChoices):
    """Vragenlijst (survey) lifecycle: only an open survey takes responses."""

    CONCEPT = "concept", _("Draft")
    OPEN = "open", _("Open")
    GESLOTEN = "gesloten", _("Closed")


class Toegang(models.TextChoices):
    """How residents reach the survey: anyone with the link, or single-use invite codes."""

    OPEN_LINK = "open_link", _("Open link (anyone with the link)")
    CODES = "codes", _("Invite codes (one per household)")


class Doelgroep(models.TextChoices):
    """Who a survey is for (doelgroep: target group). Residents' responses feed trust and
    movement; a civil servants' pulse round feeds only the pulse beside "Sturen we goed bij?"."""

    BEWONERS = "bewoners", _("Residents")
    AMBTENAREN_PULS = "ambtenaren_puls", _("Civil servants (pulse round)")


class VraagType(models.TextChoices):
    LIKERT = "likert", _("Agreement scale (5 points)")
    ENKELE_KEUZE = "enkele_keuze", _("Single choice")
    MEERKEUZE = "meerkeuze", _("Multiple choice")
    GETAL = "getal", _("Number")
    KORTE_TEKST = "korte_tekst", _("Short text")
    LANGE_TEKST = "lange_tekst", _("Long text")
    JA_NEE = "ja_nee", _("Yes/no")


# Types whose answers are stored in Antwoord.opties / Antwoord.getal / Antwoord.tekst.
KEUZE_TYPES = (VraagType.ENKELE_KEUZE, VraagType.MEERKEUZE)
GETAL_TYPES = (VraagType.LIKERT, VraagType.GETAL, VraagType.JA_NEE)
TEKST_TYPES = (VraagType.KORTE_TEKST, VraagType.LANGE_TEKST)


class Dimensie(models.TextChoices):
    """The IPW waardendriehoek (value triangle) plus explicit trust; 'geen' is not scored."""

    VERTROUWEN = "vertrouwen", _("Trust")
    LEGITIMITEIT = "legitimiteit", _("Legitimacy")
    BETROKKENHEID = "betrokkenheid", _("Engagement")
    RENDEMENT = "rendement", _("Return (value)")
    GEEN = "geen", _("None")


SCORED_DIMENSIES = (Dimensie.VERTROUWEN, Dimensie.LEGITIMITEIT, Dimensie.BETROKKENHEID, Dimensie.RENDEMENT)

# Likert labels shown to residents and on the results page. Lazy: translated when shown (the
# Dutch is in locale/nl); code that serialises them (chart data, JSON) must call str() first.
LIKERT_LABELS = {
    1: _("Strongly disagree"),
    2: _("Disagree"),
    3: _("Neutral"),
    4: _("Agree"),
    5: _("Strongly agree"),
}

KORTE_TEKST_MAX = 200
LANGE_TEKST_MAX = 5000

# Privacy (DESIGN.md): nothing computed from fewer than this many responses is shown to civil
# servants in their results view (the council dashboard uses 10).
MIN_CELL = 5


class BijeenkomstSoort(models.TextChoices):
    """Meeting (bijeenkomst) kinds; attendance counts as movement on the dashboard."""

    INFORMATIEAVOND = "informatieavond", _("Information evening")
    KEUKENTAFELGESPREK = "keukentafelgesprek", _("Kitchen-table conversation")
    BUURTWANDELING = "buurtwandeling", _("Neighbourhood walk")
    SPREEKUUR = "spreekuur", _("Consultation hour")
    ANDERS = "anders", _("Other")
