"""The plan document of an uitvoeringsplan: its sections in the order the Wgiw guidance asks,
assembled from the apps' selectors, rendered to HTML (page and PDF) and frozen at adoption.

One way to show a plan document: `document_secties` renders every section from the live plan;
an adopted version (wup.PlanVersie) stores those same sections (title, HTML, plain text), so
the page, the PDF and the comparison read live and adopted documents alike. The document
holds no names of people and no internal notes (a forecast's reason): it is published to
residents once adopted.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import dates
from dashboard import selectors as dashboard_selectors
from dashboard import uitleg
from dashboard.constants import INDICATOR_QUESTIONS, Indicator, Status
from participatie import selectors as participatie_selectors
from participatie.constants import MIN_CELL
from wup import selectors as wup_selectors
from wup.constants import KeuzeSoort, MaatregelSoort, WaarborgSoort, Zekerheid

from . import selectors

# (id, heading): the structure of an uitvoeringsplan (issue 12); each has a template
# portaal/secties/<id>.html that renders its body.
SECTIES: tuple[tuple[str, object], ...] = (
    ("samenvatting", gettext_lazy("Summary")),
    ("gebied", gettext_lazy("The plan area and its facts")),
    ("keuze", gettext_lazy("The chosen alternative and why")),
    ("maatregelen", gettext_lazy("Measures")),
    ("planning", gettext_lazy("Planning and end of the gas supply")),
    ("investeringen", gettext_lazy("Investments per party")),
    ("keuzeruimte", gettext_lazy("Room for choice and the equivalent alternative")),
    ("waarborgen", gettext_lazy("Safeguards")),
    ("participatie", gettext_lazy("Participation")),
    ("routekaart", gettext_lazy("Route map")),
    ("kaders", gettext_lazy("Kaders")),
    ("indicatoren", gettext_lazy("Dashboard indicators")),
    ("status", gettext_lazy("Status history")),
)


@dataclass
class Sectie:
    id: str
    titel: str
    html: str
    tekst: str  # plain text, one line per paragraph, list item or table row (for the comparison)

    def as_dict(self) -> dict:
        return {"id": self.id, "titel": self.titel, "html": self.html, "tekst": self.tekst}


@dataclass
class Feit:
    label: str
    waarde: object
    eenheid: str = ""


@dataclass
class PartijTotaal:
    partij: str
    zeker: Decimal
    verwacht: Decimal

    @property
    def totaal(self) -> Decimal:
        return self.zeker + self.verwacht


@dataclass
class VragenlijstFeit:
    titel: str
    van: dt.datetime | None
    tot: dt.datetime | None
    status: str
    responsen: int | None  # None: fewer than MIN_CELL (never shown exactly)


# --- Assembling ------------------------------------------------------------------------------


def _feiten(plan, gebied) -> list[Feit]:
    """Facts of the plan area (sum over its buurten) and of its wijk (CBS); None stays None."""
    feiten = [Feit(_("Homes in the plan area"), gebied.woningen)]
    wijk = plan.wijk
    if wijk is not None:
        feiten += [
            Feit(_("Inhabitants of the wijk"), wijk.inwoners),
            Feit(_("Homes in the wijk"), wijk.woningvoorraad),
            Feit(_("Owner-occupied homes"), wijk.pct_koopwoningen, "%"),
            Feit(_("Multi-family homes"), wijk.pct_meergezinswoningen, "%"),
            Feit(_("Built since 2000"), wijk.pct_bouwjaar_vanaf_2000, "%"),
            Feit(_("Mean gas use per home"), wijk.gem_aardgasverbruik_m3, "m³"),
        ]
    return feiten


def _investeringen(plan) -> tuple[list, list[PartijTotaal], PartijTotaal]:
    rijen = sorted(plan.investeringen.all(), key=lambda i: (i.partij.naam.lower(), i.periode_van or 0, i.pk))
    per_partij: dict[str, PartijTotaal] = {}
    for i in rijen:
        t = per_partij.setdefault(i.partij.naam, PartijTotaal(i.partij.naam, Decimal(0), Decimal(0)))
        if i.zekerheid == Zekerheid.ZEKER:
            t.zeker += i.bedrag
        else:
            t.verwacht += i.bedrag
    totaal = PartijTotaal(
        _("Total"),
        sum((t.zeker for t in per_partij.values()), Decimal(0)),
        sum((t.verwacht for t in per_partij.values()), Decimal(0)),
    )
    return rijen, list(per_partij.values()), totaal


def _vragenlijsten(plan) -> list[VragenlijstFeit]:
    feiten = []
    for v in participatie_selectors.vragenlijst_list(plan=plan):
        if v.status == "concept":
            continue  # not yet asked
        feiten.append(
            VragenlijstFeit(
                titel=v.titel,
                van=v.opent_op,
                tot=v.sluit_op,
                status=v.get_status_display(),
                responsen=v.n_responsen if v.n_responsen >= MIN_CELL else None,
            )
        )
    return feiten


def _indicatoren(plan) -> list[dict]:
    laatste = dashboard_selectors.latest_snapshots(plan_ids=[plan.pk]).get(plan.pk, {})
    regels = []
    for ind in Indicator:
        snap = laatste.get(ind.value)
        status = snap.status if snap is not None and snap.waarde is not None else Status.ONBEKEND
        regels.append(
            {
                "vraag": INDICATOR_QUESTIONS[ind],
                "zin": uitleg.figuur(
                    ind.value,
                    waarde=snap.waarde if snap else None,
                    n=snap.n if snap else 0,
                    details=snap.details if snap else {},
                    periode=snap.periode if snap else None,
                ),
                "status": uitleg.badge_label(status),
                "reden": uitleg.reden(ind.value, status=status, details=snap.details) if snap else "",
            }
        )
    return regels


def _kaart_uri(kaart) -> str:
    """The plan map as a data URI (an img with alt text: the PDF tags it as a figure)."""
    if kaart is None:
        return ""
    svg = render_to_string("portaal/secties/_kaart.svg", {"kaart": kaart}).strip()
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def document_context(*, plan, vandaag: dt.date) -> dict:
    """Everything the sections show. `plan` comes from `wup.selectors.plan_get` (its relations
    prefetched): a fixed number of queries whatever the number of parts."""
    kaders = list(plan.techniekkaders.all())
    gebied = wup_selectors.plan_gebieden(plans=[plan])[plan.pk]
    maatregelen = sorted(plan.maatregelen.all(), key=lambda m: (m.soort, m.pk))
    investeringen, per_partij, totaal = _investeringen(plan)
    waarborgen = {w.soort: w for w in plan.waarborgen.all() if w.invulling.strip()}
    bijeenkomsten = sorted(participatie_selectors.bijeenkomst_list(plan=plan), key=lambda b: b.datum)
    kaart = wup_selectors.plan_map(plan=plan)
    return {
        "plan": plan,
        "vandaag": vandaag,
        "gekozen": [k for k in kaders if k.soort == KeuzeSoort.GEKOZEN],
        "uitgesloten": [k for k in kaders if k.soort == KeuzeSoort.UITGESLOTEN],
        "overwogen": sorted(plan.overwogen_alternatieven.all(), key=lambda a: (not a.gekozen, a.nationale_kosten)),
        "feiten": _feiten(plan, gebied),
        "kaart": kaart,
        "kaart_uri": _kaart_uri(kaart),
        "maatregelen_openbaar": [m for m in maatregelen if m.soort == MaatregelSoort.OPENBARE_RUIMTE],
        "maatregelen_gebouwen": [m for m in maatregelen if m.soort == MaatregelSoort.GEBOUWEN],
        "investeringen": investeringen,
        "investeringen_per_partij": per_partij,
        "investeringen_totaal": totaal,
        "waarborgen": [(WaarborgSoort(s).label, waarborgen.get(s)) for s in WaarborgSoort.values],
        "vragenlijsten": _vragenlijsten(plan),
        "bijeenkomsten": bijeenkomsten,
        "min_cell": MIN_CELL,
        "indicatoren": _indicatoren(plan),
        "routekaart": selectors.routekaart_sectie(plan=plan, vandaag=vandaag),
    }


# --- Rendering -------------------------------------------------------------------------------


class _Tekst(HTMLParser):
    """HTML to plain text: a line per block (paragraph, item, row, heading), cells joined by
    " | ", whitespace collapsed. Only for our own rendered sections."""

    BLOK = {"p", "li", "tr", "h3", "h4", "caption", "figcaption", "dt", "dd", "div", "br"}
    CEL = {"td", "th"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.regels: list[str] = []
        self.huidig: list[str] = []
        self.svg = 0

    def _af(self):
        regel = re.sub(r"\s+", " ", "".join(self.huidig)).strip(" |")
        if regel:
            self.regels.append(regel)
        self.huidig = []

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.svg += 1
        elif tag in self.BLOK:
            self._af()
        elif tag in self.CEL and self.huidig:
            self.huidig.append(" | ")

    def handle_endtag(self, tag):
        if tag == "svg":
            self.svg -= 1
        elif tag in self.BLOK:
            self._af()

    def handle_data(self, data):
        if not self.svg:
            self.huidig.append(data)


def html_naar_tekst(html: str) -> str:
    parser = _Tekst()
    parser.feed(html)
    parser.close()
    parser._af()
    return "\n".join(parser.regels)


def document_secties(*, plan, vandaag: dt.date) -> list[Sectie]:
    context = document_context(plan=plan, vandaag=vandaag)
    secties = []
    for sectie_id, titel in SECTIES:
        html = render_to_string(f"portaal/secties/{sectie_id}.html", context).strip()
        secties.append(Sectie(sectie_id, str(titel), html, html_naar_tekst(html)))
    return secties


def secties_uit_versie(versie) -> list[Sectie]:
    return [Sectie(s["id"], s["titel"], s["html"], s["tekst"]) for s in versie.inhoud.get("secties", [])]


def document_inhoud(*, plan, secties: list[Sectie]) -> dict:
    """What an adopted version stores as data: the sections, and the kaders the dashboard
    judges against (interim goals and core values as they were adopted)."""
    return {
        "titel": plan.titel,
        "gemeente": plan.gemeente.naam,
        "samenvatting": plan.samenvatting,
        "techniekrichting": plan.techniekrichting,
        "doeljaar_aardgasvrij": plan.doeljaar_aardgasvrij,
        "gas_einddatum": plan.gas_einddatum.isoformat() if plan.gas_einddatum else None,
        "secties": [s.as_dict() for s in secties],
        "kernwaarde_ids": sorted(k.id for k in plan.kernwaarden.all()),
        "doelen": [
            {
                "id": d.id,
                "omschrijving": d.omschrijving,
                "metriek": d.metriek,
                "streefwaarde": float(d.streefwaarde),
                "deadline": d.deadline.isoformat(),
                "kernwaarde_id": d.kernwaarde_id,
            }
            for d in sorted(plan.tussendoelen.all(), key=lambda d: d.id)
        ],
    }


def versie_kenmerk(*, nummer: int, vastgesteld_op: dt.date, raadsbesluit: str) -> str:
    """The reference in an adopted version's footer."""
    return _("Version %(n)s, adopted by the council on %(datum)s (decision %(kenmerk)s)") % {
        "n": nummer,
        "datum": dates.datum(vastgesteld_op),
        "kenmerk": raadsbesluit,
    }


def concept_kenmerk(*, vandaag: dt.date) -> str:
    return _("Draft, not adopted by the council; printed on %(datum)s") % {"datum": dates.datum(vandaag)}


def pdf_render(*, plan, secties: list[Sectie], kenmerk: str, base_url: str | None = None) -> bytes:
    """The plan document as an accessible A4 PDF: tagged PDF/UA-1, language nl, title in the
    metadata, table of contents, page numbers and the version's reference in the footer."""
    import weasyprint  # heavy: only when a PDF is made
    from django.contrib.staticfiles import finders

    html = render_to_string(
        "portaal/plan_pdf.html", {"plan": plan, "secties": secties, "kenmerk": kenmerk, "LANGUAGE_CODE": "nl"}
    )
    css = [weasyprint.CSS(filename=finders.find(f"wup/css/{name}.css")) for name in ("plan_pdf", "plan_map")]
    document = weasyprint.HTML(string=html, base_url=base_url)
    return document.write_pdf(stylesheets=css, pdf_variant="pdf/ua-1", pdf_identifier=False)


# --- Comparing an adopted version with the draft ---------------------------------------------


@dataclass
class Regel:
    soort: str  # "gelijk", "weg" (only in the adopted version), "nieuw" (only in the draft)
    tekst: str


@dataclass
class SectieVerschil:
    id: str
    titel: str
    gewijzigd: bool
    regels: list[Regel]


def secties_vergelijken(oud: list[Sectie], nieuw: list[Sectie]) -> list[SectieVerschil]:
    """Per section (in the document's order) the lines removed and added, line by line."""
    import difflib

    oud_per_id = {s.id: s for s in oud}
    nieuw_per_id = {s.id: s for s in nieuw}
    ids = [s.id for s in nieuw] + [s.id for s in oud if s.id not in nieuw_per_id]
    uit = []
    for sid in ids:
        a = oud_per_id.get(sid)
        b = nieuw_per_id.get(sid)
        a_regels = a.tekst.splitlines() if a else []
        b_regels = b.tekst.splitlines() if b else []
        regels: list[Regel] = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a_regels, b=b_regels, autojunk=False).get_opcodes():
            if tag == "equal":
                regels += [Regel("gelijk", t) for t in a_regels[i1:i2]]
            else:
                regels += [Regel("weg", t) for t in a_regels[i1:i2]]
                regels += [Regel("nieuw", t) for t in b_regels[j1:j2]]
        uit.append(
            SectieVerschil(
                id=sid,
                titel=(b or a).titel,
                gewijzigd=any(r.soort != "gelijk" for r in regels),
                regels=regels,
            )
        )
    return uit
